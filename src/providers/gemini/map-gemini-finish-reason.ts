import type { FinishReason } from "../../contract/finish-reason.js";

/**
 * Gemini's candidate finishReason in OpenAI's vocabulary. Every block for safety, policy or
 * recitation is a content filter (RECITATION too: the output was cut, not finished); the
 * tool-call failures are errors. A candidate with function calls that says STOP is turned into
 * tool_calls by the caller, since Gemini has no finish reason of its own for it.
 */
export function mapGeminiFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case "STOP":
      return { unified: "stop", raw };
    case "MAX_TOKENS":
      return { unified: "length", raw };
    case "SAFETY":
    case "BLOCKLIST":
    case "PROHIBITED_CONTENT":
    case "SPII":
    case "RECITATION":
    case "LANGUAGE":
    case "IMAGE_SAFETY":
    case "IMAGE_PROHIBITED_CONTENT":
    case "IMAGE_RECITATION":
      return { unified: "content_filter", raw };
    case "MALFORMED_FUNCTION_CALL":
    case "UNEXPECTED_TOOL_CALL":
    case "TOO_MANY_TOOL_CALLS":
      return { unified: "error", raw };
    default:
      return { unified: raw ? "other" : "stop", raw: raw ?? null };
  }
}

/** A prompt blocked before generation (promptFeedback.blockReason) ends its one choice as a content filter. */
export function blockedPromptFinishReason(blockReason: string): FinishReason {
  return { unified: "content_filter", raw: blockReason };
}
