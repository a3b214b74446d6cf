// Bedrock Runtime wire shapes (service model bedrock-runtime 2023-09-30), trimmed to what the
// adapter reads or writes. They never leave this folder.

export type BedrockImageFormat = "png" | "jpeg" | "gif" | "webp";
export type BedrockDocumentFormat = "pdf" | "csv" | "doc" | "docx" | "xls" | "xlsx" | "html" | "txt" | "md";

export type BedrockSource = { bytes: string } | { s3Location: { uri: string } };

export interface BedrockImageBlock {
  image: { format: BedrockImageFormat; source: BedrockSource };
}

export interface BedrockDocumentBlock {
  document: { format: BedrockDocumentFormat; name: string; source: BedrockSource };
}

export interface BedrockToolUseBlock {
  toolUse: { toolUseId: string; name: string; input: unknown };
}

export type BedrockToolResultContent = { text: string } | { json: unknown } | BedrockImageBlock | BedrockDocumentBlock;

export interface BedrockToolResultBlock {
  toolResult: { toolUseId: string; content: BedrockToolResultContent[]; status?: "success" | "error" };
}

export interface BedrockReasoningBlock {
  reasoningContent: { reasoningText?: { text: string; signature?: string }; redactedContent?: string };
}

export type BedrockContentBlock =
  | { text: string }
  | BedrockImageBlock
  | BedrockDocumentBlock
  | BedrockToolUseBlock
  | BedrockToolResultBlock
  | BedrockReasoningBlock
  | { cachePoint: { type: string } };

export interface BedrockMessage {
  role: "user" | "assistant";
  content: BedrockContentBlock[];
}

export type BedrockSystemBlock = { text: string } | { cachePoint: { type: string } };

export interface BedrockToolSpec {
  toolSpec: { name: string; description?: string; inputSchema: { json: Record<string, unknown> } };
}

export type BedrockToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } };

export interface BedrockToolConfig {
  tools: BedrockToolSpec[];
  toolChoice?: BedrockToolChoice;
}

export interface BedrockInferenceConfig {
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
}

export interface BedrockConverseRequest {
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: BedrockInferenceConfig;
  toolConfig?: BedrockToolConfig;
  additionalModelRequestFields?: Record<string, unknown>;
  outputConfig?: Record<string, unknown>;
  requestMetadata?: Record<string, string>;
  [field: string]: unknown;
}

export interface BedrockUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export interface BedrockConverseResponse {
  output?: { message?: { role?: string; content?: BedrockContentBlock[] } };
  stopReason?: string;
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
  [field: string]: unknown;
}

/** Payloads of ConverseStream events, by `:event-type` (providers.md 5.4); `p` is padding. */
export interface BedrockContentBlockStart {
  contentBlockIndex?: number;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
}

export interface BedrockContentBlockDelta {
  contentBlockIndex?: number;
  delta?: {
    text?: string;
    toolUse?: { input?: string };
    reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
  };
}

export interface BedrockMessageStop {
  stopReason?: string;
  additionalModelResponseFields?: unknown;
}

export interface BedrockStreamMetadata {
  usage?: BedrockUsage;
  metrics?: { latencyMs?: number };
}

/** Non-stream error bodies and stream exception payloads. */
export interface BedrockErrorBody {
  message?: string;
  Message?: string;
  originalStatusCode?: number;
  originalMessage?: string;
}

/** InvokeModel answers of the embedding models. */
export interface TitanEmbeddingResponse {
  embedding?: number[];
  inputTextTokenCount?: number;
}

export interface CohereEmbeddingResponse {
  id?: string;
  /** A list of float vectors, or by type when `embedding_types` was sent. */
  embeddings?: number[][] | { float?: number[][] };
  response_type?: string;
}
