/** Anthropic Messages API wire types (providers.md section 3); they never leave this folder. */

export type AnthropicCacheControl = { type: "ephemeral"; ttl?: string };

export type AnthropicImageSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "url"; url: string }
  | { type: "file"; file_id: string };

export type AnthropicDocumentSource =
  | { type: "base64"; media_type: string; data: string }
  | { type: "text"; media_type: "text/plain"; data: string }
  | { type: "url"; url: string }
  | { type: "file"; file_id: string };

/** Extra fields a block may carry (cache_control, citations, …) ride along unchanged. */
type Extras = { [key: string]: unknown };

export type AnthropicTextBlock = Extras & { type: "text"; text: string };
export type AnthropicImageBlock = Extras & { type: "image"; source: AnthropicImageSource };
export type AnthropicDocumentBlock = Extras & { type: "document"; source: AnthropicDocumentSource; title?: string };
export type AnthropicToolUseBlock = Extras & { type: "tool_use"; id: string; name: string; input: unknown };
export type AnthropicToolResultBlock = Extras & {
  type: "tool_result";
  tool_use_id: string;
  content: string | Array<AnthropicTextBlock | AnthropicImageBlock>;
  is_error?: boolean;
};
export type AnthropicThinkingBlock = Extras & { type: "thinking"; thinking: string; signature: string };
export type AnthropicRedactedThinkingBlock = Extras & { type: "redacted_thinking"; data: string };

export type AnthropicContentBlock =
  | AnthropicTextBlock
  | AnthropicImageBlock
  | AnthropicDocumentBlock
  | AnthropicToolUseBlock
  | AnthropicToolResultBlock
  | AnthropicThinkingBlock
  | AnthropicRedactedThinkingBlock;

export interface AnthropicMessage {
  role: "user" | "assistant";
  content: string | AnthropicContentBlock[];
}

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  strict?: boolean;
}

export type AnthropicToolChoice =
  | { type: "auto" | "any"; disable_parallel_tool_use?: boolean }
  | { type: "tool"; name: string; disable_parallel_tool_use?: boolean }
  | { type: "none" };

export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  output_tokens_details?: { thinking_tokens?: number | null } | null;
  [key: string]: unknown;
}

/** A response content block as it arrives; server tool blocks and newer types keep their own fields. */
export interface AnthropicResponseBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
  signature?: string;
  data?: string;
  [key: string]: unknown;
}

export interface AnthropicMessageResponse {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: AnthropicResponseBlock[];
  stop_reason: string | null;
  stop_sequence?: string | null;
  usage?: AnthropicUsage;
  [key: string]: unknown;
}

export interface AnthropicErrorObject {
  type?: string;
  message?: string;
}

export interface AnthropicErrorBody {
  type: "error";
  error: AnthropicErrorObject;
  request_id?: string;
}

/** One decoded stream event; `type` always equals the SSE event name. */
export type AnthropicStreamEvent =
  | { type: "message_start"; message: AnthropicMessageResponse }
  | { type: "content_block_start"; index: number; content_block: AnthropicResponseBlock }
  | { type: "content_block_delta"; index: number; delta: AnthropicStreamDelta }
  | { type: "content_block_stop"; index: number }
  | {
      type: "message_delta";
      delta: { stop_reason?: string | null; stop_sequence?: string | null };
      usage?: AnthropicUsage;
    }
  | { type: "message_stop" }
  | { type: "ping" }
  | { type: "error"; error: AnthropicErrorObject; request_id?: string };

export type AnthropicStreamDelta =
  | { type: "text_delta"; text: string }
  | { type: "input_json_delta"; partial_json: string }
  | { type: "thinking_delta"; thinking: string }
  | { type: "signature_delta"; signature: string }
  | { type: "citations_delta"; citation: unknown };
