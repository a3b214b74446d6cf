import type { FinishReason } from "../../contract/finish-reason.js";

/**
 * Cohere v2 finish reasons. ERROR and TIMEOUT mean the upstream failed; callers surface them as
 * errors rather than as a finish. A message that carries tool calls finishes with tool_calls
 * whatever the raw value says (Cohere may say COMPLETE).
 */
export function mapCohereFinishReason(raw: string | null | undefined, hasToolCalls = false): FinishReason {
  switch (raw) {
    case "COMPLETE":
    case "STOP_SEQUENCE":
      return { unified: hasToolCalls ? "tool_calls" : "stop", raw };
    case "MAX_TOKENS":
      return { unified: "length", raw };
    case "TOOL_CALL":
      return { unified: "tool_calls", raw };
    case "ERROR":
    case "TIMEOUT":
      return { unified: "error", raw };
    default:
      if (hasToolCalls) return { unified: "tool_calls", raw: raw ?? null };
      return { unified: raw ? "other" : "stop", raw: raw ?? null };
  }
}
