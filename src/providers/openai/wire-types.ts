/** OpenAI Chat Completions wire types; they never leave this folder (and azure, which shares the wire). */
export interface OpenAIContentPart {
  type: string;
  text?: string;
  image_url?: { url: string; detail?: "auto" | "low" | "high" };
  input_audio?: { data: string; format: string };
  file?: { file_data?: string; file_id?: string; filename?: string };
  [key: string]: unknown;
}

export interface OpenAIToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface OpenAIMessage {
  role: string;
  content?: string | OpenAIContentPart[] | null;
  name?: string;
  tool_calls?: OpenAIToolCall[];
  tool_call_id?: string;
  refusal?: string | null;
  reasoning_content?: string;
  [key: string]: unknown;
}

export interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

export interface OpenAIChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: OpenAIMessage;
    finish_reason: string | null;
    logprobs?: unknown;
  }>;
  usage?: OpenAIUsage | null;
  [key: string]: unknown;
}

export interface OpenAIChatChunk {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta?: {
      role?: string;
      content?: string | null;
      refusal?: string | null;
      reasoning_content?: string | null;
      tool_calls?: Array<{
        index: number;
        id?: string;
        type?: string;
        function?: { name?: string; arguments?: string };
      }>;
    };
    finish_reason?: string | null;
    logprobs?: unknown;
  }>;
  usage?: OpenAIUsage | null;
  error?: OpenAIErrorBody["error"];
  [key: string]: unknown;
}

export interface OpenAIErrorBody {
  error: { message?: string; type?: string | null; param?: string | null; code?: string | number | null };
}

export interface OpenAIEmbeddingResponse {
  object: "list";
  model: string;
  data: Array<{ object: "embedding"; index: number; embedding: number[] | string }>;
  usage?: { prompt_tokens?: number; total_tokens?: number };
}
