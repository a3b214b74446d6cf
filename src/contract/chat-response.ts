import type { ReasoningPart, TextPart, ToolCallPart } from "./chat-message.js";
import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";

export interface ChatChoice {
  index: number;
  /** Assistant output in order: text, reasoning and tool calls. */
  content: Array<TextPart | ReasoningPart | ToolCallPart>;
  refusal?: string;
  finishReason: FinishReason;
  /** Logprobs in OpenAI's shape, carried as-is. */
  logprobs?: unknown;
}

export interface ChatResponse {
  id: string;
  /** The model the upstream says answered. */
  model: string;
  created: number;
  choices: ChatChoice[];
  usage?: Usage;
  /** Response fields with no canonical meaning (system_fingerprint, service_tier, …). */
  providerMetadata?: Record<string, unknown>;
}
