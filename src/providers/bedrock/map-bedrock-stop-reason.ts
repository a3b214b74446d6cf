import type { FinishReason } from "../../contract/finish-reason.js";

/** Bedrock's stopReason in OpenAI's vocabulary (providers.md 0.2); the one place it is mapped. */
export function mapBedrockStopReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "end_turn":
    case "stop_sequence":
      return { unified: "stop", raw };
    case "max_tokens":
    case "model_context_window_exceeded":
      return { unified: "length", raw };
    case "tool_use":
      return { unified: "tool_calls", raw };
    case "guardrail_intervened":
    case "content_filtered":
      return { unified: "content_filter", raw };
    // The model produced output Bedrock could not parse: an upstream failure, not a clean stop.
    case "malformed_model_output":
    case "malformed_tool_use":
      return { unified: "error", raw };
    default:
      return { unified: raw ? "other" : "stop", raw: raw ?? null };
  }
}

/** The OpenAI rule over every table: a message that carries tool calls finishes with tool_calls. */
export function withToolCallsRule(reason: FinishReason, hasToolCalls: boolean): FinishReason {
  return hasToolCalls && (reason.unified === "stop" || reason.unified === "other")
    ? { unified: "tool_calls", raw: reason.raw }
    : reason;
}
