/** Cohere v2 wire types (providers.md 6.1); they never leave this folder. */
export interface CohereContentPart {
  /** "text", "image_url", "thinking" or "document". */
  type: string;
  text?: string;
  thinking?: string;
  image_url?: { url: string; detail?: "auto" | "low" | "high" };
  document?: { data: string | Record<string, unknown>; id?: string };
}

export interface CohereToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface CohereMessage {
  role: "system" | "user" | "assistant" | "tool";
  content?: string | CohereContentPart[];
  tool_calls?: CohereToolCall[];
  tool_plan?: string;
  tool_call_id?: string;
}

export interface CohereTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface CohereBilledUnits {
  input_tokens?: number;
  output_tokens?: number;
  search_units?: number;
  classifications?: number;
}

export interface CohereUsage {
  billed_units?: CohereBilledUnits;
  tokens?: { input_tokens?: number; output_tokens?: number };
  cached_tokens?: number;
}

export interface CohereChatResponse {
  id: string;
  finish_reason: string;
  message: {
    role: "assistant";
    content?: CohereContentPart[];
    tool_plan?: string;
    tool_calls?: CohereToolCall[];
    citations?: unknown[];
  };
  usage?: CohereUsage;
  logprobs?: unknown;
}

/** One `data:` payload of a v2 chat stream; fields differ per `type`. */
export interface CohereStreamEvent {
  type?: string;
  /** Set instead of `type` when the upstream writes an error body into the stream. */
  message?: string;
  id?: string;
  index?: number;
  delta?: {
    message?: {
      content?: { type?: string; text?: string; thinking?: string };
      tool_plan?: string;
      /** A single object in deltas, not an array. */
      tool_calls?: { id?: string; type?: string; function?: { name?: string; arguments?: string } };
    };
    finish_reason?: string;
    usage?: CohereUsage;
    error?: string;
  };
}

export interface CohereEmbedResponse {
  id: string;
  embeddings: { float?: number[][] };
  texts?: string[];
  meta?: { api_version?: { version?: string }; billed_units?: CohereBilledUnits };
  response_type?: string;
}

export interface CohereErrorBody {
  id?: string;
  message?: string;
}
