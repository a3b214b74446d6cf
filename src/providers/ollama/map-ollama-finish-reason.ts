import type { FinishReason } from "../../contract/finish-reason.js";

/**
 * Ollama's done_reason. It never says that tools were called, so a message with tool calls
 * finishes with tool_calls. `load`/`unload` answer requests that generated nothing.
 */
export function mapOllamaFinishReason(raw: string | null | undefined, hasToolCalls = false): FinishReason {
  if (hasToolCalls && (raw === "stop" || !raw)) return { unified: "tool_calls", raw: raw ?? null };
  switch (raw) {
    case "stop":
    case "load":
    case "unload":
      return { unified: "stop", raw };
    case "length":
      return { unified: "length", raw };
    default:
      return { unified: raw ? "other" : "stop", raw: raw ?? null };
  }
}
