import type { FinishReason } from "../../contract/finish-reason.js";

/** OpenAI's finish reasons, plus the variants OpenAI-compatible vendors send. */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "stop":
    case "eos":
      return { unified: "stop", raw };
    case "length":
    case "model_length":
      return { unified: "length", raw };
    case "tool_calls":
    case "function_call":
      return { unified: "tool_calls", raw };
    case "content_filter":
      return { unified: "content_filter", raw };
    case "error":
    case "insufficient_system_resource":
      return { unified: "error", raw };
    default:
      return { unified: raw ? "other" : "stop", raw: raw ?? null };
  }
}
