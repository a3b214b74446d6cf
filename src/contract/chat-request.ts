import type { ChatMessage, ProviderOptions } from "./chat-message.js";

export interface ToolDefinition {
  readonly type: "function";
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
  strict?: boolean;
}

export type ToolChoice =
  | { readonly type: "auto" }
  | { readonly type: "none" }
  | { readonly type: "required" }
  | { readonly type: "tool"; name: string };

export type ResponseFormat =
  | { readonly type: "text" }
  | { readonly type: "json_object" }
  | {
      readonly type: "json_schema";
      name: string;
      schema: Record<string, unknown>;
      description?: string;
      strict?: boolean;
    };

export interface SamplingParameters {
  temperature?: number;
  topP?: number;
  /** Maximum output tokens (OpenAI's max_completion_tokens or max_tokens). */
  maxOutputTokens?: number;
  stop?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  /** Number of choices. */
  n?: number;
  logprobs?: boolean;
  topLogprobs?: number;
  logitBias?: Record<string, number>;
  reasoningEffort?: string;
}

/** Which dialect a request arrived in; encoders use it to answer in kind. */
export type InboundDialect = "openai-chat" | "anthropic-messages" | "openai-embeddings";

/** The canonical chat request: what every dialect decodes into and every adapter encodes from. */
export interface ChatRequest {
  /** The model the client named (virtual model or provider/model). */
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  sampling: SamplingParameters;
  stream: boolean;
  /** Whether the client asked for usage in the stream (OpenAI's stream_options.include_usage). */
  streamIncludeUsage?: boolean;
  /** End-user id (OpenAI's `user`). */
  user?: string;
  /** Client metadata (OpenAI's `metadata`). */
  metadata?: Record<string, string>;
  /**
   * Request fields with no canonical meaning, by wire family: `{ openai: { service_tier: "flex" } }`.
   * Adapters of that family send them on unchanged.
   */
  providerOptions: ProviderOptions;
}
