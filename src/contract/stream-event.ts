import type { ProviderOptions } from "./chat-message.js";
import type { GatewayError } from "./errors.js";
import type { FinishReason } from "./finish-reason.js";
import type { Usage } from "./usage.js";

/** Canonical stream events: a discriminated union with start/delta/end lifecycles. */
export type StreamEvent =
  | { type: "stream-start"; id: string; model: string; created: number; providerMetadata?: Record<string, unknown> }
  | { type: "role-start"; choiceIndex: number }
  | { type: "text-delta"; choiceIndex: number; text: string }
  | { type: "reasoning-delta"; choiceIndex: number; text: string; signature?: string }
  | { type: "refusal-delta"; choiceIndex: number; text: string }
  /** A tool call begins; toolIndex counts calls within the choice (0, 1, …). */
  | {
      type: "tool-input-start";
      choiceIndex: number;
      toolIndex: number;
      id: string;
      name: string;
      providerOptions?: ProviderOptions;
    }
  | { type: "tool-input-delta"; choiceIndex: number; toolIndex: number; argumentsDelta: string }
  | { type: "logprobs"; choiceIndex: number; logprobs: unknown }
  | { type: "finish"; choiceIndex: number; finishReason: FinishReason }
  | { type: "usage"; usage: Usage }
  /** An upstream failure after the stream began. */
  | { type: "error"; error: GatewayError };

/**
 * What an adapter yields per upstream read: the canonical events, and when the upstream speaks
 * a client dialect's wire format, the original event text so that same-dialect streams are
 * forwarded as they arrived instead of being re-serialised.
 */
export interface StreamChunk {
  events: StreamEvent[];
  /** The upstream event as it arrived: its data text, and its SSE event name where the format has one. */
  passthrough?: { format: WireFormat; data: string; event?: string };
}

/** Wire formats a stream chunk can be forwarded in without translation. */
export type WireFormat = "openai-chat" | "anthropic-messages";
