/** Ollama native API wire types (providers.md 6.3); they never leave this folder. */
export interface OllamaToolCall {
  /** Newer Ollama versions may send one; older ones never do. */
  id?: string;
  /** Arguments are an object, not JSON text. */
  function: { index?: number; name: string; arguments: Record<string, unknown> };
}

export interface OllamaMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  /** Base64 without a data: prefix. */
  images?: string[];
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  /** Tool results name the tool, not a call id. */
  tool_name?: string;
}

/** One NDJSON line of /api/chat, or the whole answer when stream is false. */
export interface OllamaChatLine {
  model?: string;
  created_at?: string;
  message?: Partial<OllamaMessage>;
  done?: boolean;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
  /** Set instead of the fields above when the request failed, also mid-stream. */
  error?: string;
}

export interface OllamaEmbedResponse {
  model?: string;
  embeddings: number[][];
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
}

export interface OllamaErrorBody {
  error?: string;
}
