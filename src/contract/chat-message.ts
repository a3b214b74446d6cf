/**
 * Fields with no canonical meaning, keyed by the wire family that understands them
 * (`openai`, `anthropic`, `gemini`, …): `{ anthropic: { cache_control: { type: "ephemeral" } } }`.
 * An adapter sends on its own family's fields and may translate others it knows.
 */
export type ProviderOptions = Record<string, Record<string, unknown>>;

/** Content parts of a canonical message. Every inbound dialect decodes into these. */
export interface TextPart {
  readonly type: "text";
  text: string;
  /** Provider-specific extras (for example Anthropic's cache_control) that ride along. */
  providerOptions?: ProviderOptions;
}

export interface ImagePart {
  readonly type: "image";
  /** An http(s) URL or a data: URL. */
  url: string;
  detail?: "auto" | "low" | "high";
  providerOptions?: ProviderOptions;
}

export interface FilePart {
  readonly type: "file";
  /** Base64 data URL or provider file id. */
  data?: string;
  fileId?: string;
  filename?: string;
  mediaType?: string;
}

export interface AudioPart {
  readonly type: "audio";
  data: string;
  format: string;
}

export interface ReasoningPart {
  readonly type: "reasoning";
  text: string;
  /** Opaque provider signature that must be sent back unchanged (Anthropic thinking, Gemini thoughts). */
  signature?: string;
  redacted?: boolean;
}

export interface ToolCallPart {
  readonly type: "tool-call";
  id: string;
  name: string;
  /** Arguments as the JSON text the model produced; it may be invalid JSON. */
  arguments: string;
  /** Data that must come back with the call on the next turn (Gemini's thought signature). */
  providerOptions?: ProviderOptions;
}

export interface ToolResultPart {
  readonly type: "tool-result";
  toolCallId: string;
  content: string | Array<TextPart | ImagePart>;
  isError?: boolean;
}

export type ContentPart = TextPart | ImagePart | FilePart | AudioPart | ReasoningPart | ToolCallPart | ToolResultPart;

export type MessageRole = "system" | "developer" | "user" | "assistant" | "tool";

export interface ChatMessage {
  role: MessageRole;
  /** Always a list of parts; a plain string from a dialect becomes one text part. */
  content: ContentPart[];
  /** Participant name (OpenAI's `name`). */
  name?: string;
  /** Fields of the message that have no canonical meaning, kept for same-dialect forwarding. */
  providerOptions?: ProviderOptions;
}
