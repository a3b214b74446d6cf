// Scenario models: the model in the request path picks the mock's behaviour.

export const SCENARIO = {
  error400: "mock-error-400",
  error403: "mock-error-403",
  error404: "mock-error-404",
  error429: "mock-error-429",
  error500: "mock-error-500",
  error503: "mock-error-503",
  streamError: "mock-stream-error",
  truncatedStream: "mock-truncated-stream",
  resetMidStream: "mock-reset-mid-stream",
  garbage: "mock-garbage",
  hang: "mock-hang",
  /** The candidate is stopped with finishReason SAFETY (a stream sends some text first). */
  safety: "mock-safety",
  /** The prompt is blocked: promptFeedback.blockReason and no candidates. */
  promptBlocked: "mock-prompt-blocked",
} as const;

/** Models that think: they report thoughtsTokenCount and sign their turns. */
export function isThinkingModel(model: string): boolean {
  return model.startsWith("gemini-2.5") || model.startsWith("gemini-3");
}

/** Gemini 3 answers 400 when a model turn's first function call comes back without its thoughtSignature. */
export function checksThoughtSignatures(model: string): boolean {
  return model.startsWith("gemini-3");
}
