import type { FinishReason, UnifiedFinishReason } from "../../contract/finish-reason.js";

export type AnthropicStopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "pause_turn"
  | "refusal"
  | "model_context_window_exceeded";

/** Anthropic's own values and the unified reason each one stands for (providers.md 0.2). */
const ANTHROPIC_REASONS: Record<AnthropicStopReason, UnifiedFinishReason> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

const FROM_UNIFIED: Record<UnifiedFinishReason, AnthropicStopReason> = {
  stop: "end_turn",
  length: "max_tokens",
  tool_calls: "tool_use",
  content_filter: "refusal",
  // Neither has an Anthropic value; the turn did end.
  error: "end_turn",
  other: "end_turn",
};

/**
 * The stop_reason for a canonical finish. An upstream that already speaks Anthropic's (or
 * Bedrock's) vocabulary keeps its finer value (stop_sequence, pause_turn, …). A turn that made
 * tool calls stops with tool_use whatever the upstream said, since clients loop on that value.
 */
export function toAnthropicStopReason(finish: FinishReason, madeToolCalls: boolean): AnthropicStopReason {
  const raw = finish.raw as AnthropicStopReason | null;
  if (raw !== null && Object.hasOwn(ANTHROPIC_REASONS, raw) && ANTHROPIC_REASONS[raw] === finish.unified) return raw;
  if (madeToolCalls && finish.unified === "stop") return "tool_use";
  return FROM_UNIFIED[finish.unified];
}
