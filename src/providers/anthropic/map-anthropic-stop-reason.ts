import type { FinishReason } from "../../contract/finish-reason.js";

/**
 * Anthropic's stop_reason in OpenAI's vocabulary (providers.md 0.2). The one place this mapping
 * lives; a message with tool calls is reported as tool_calls by the callers (see hasToolCalls).
 */
export function mapAnthropicStopReason(raw: string | null | undefined, hasToolCalls = false): FinishReason {
  const mapped = mapRaw(raw);
  if (hasToolCalls && mapped.unified === "stop") mapped.unified = "tool_calls";
  return mapped;
}

function mapRaw(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "end_turn":
    case "stop_sequence":
    // The server paused a long-running turn; the client may continue it, like an ordinary stop.
    case "pause_turn":
      return { unified: "stop", raw };
    case "max_tokens":
    case "model_context_window_exceeded":
      return { unified: "length", raw };
    case "tool_use":
      return { unified: "tool_calls", raw };
    case "refusal":
      return { unified: "content_filter", raw };
    default:
      return { unified: raw ? "other" : "stop", raw: raw ?? null };
  }
}
