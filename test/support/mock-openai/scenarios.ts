// Scenario models: the request's `model` (or Azure deployment) picks the mock's behaviour.

export const SCENARIO = {
  error400: "mock-error-400",
  error429: "mock-error-429",
  error500: "mock-error-500",
  error503: "mock-error-503",
  slowFirstByte: "mock-slow-first-byte",
  slowStream: "mock-slow-stream",
  resetMidStream: "mock-reset-mid-stream",
  truncatedStream: "mock-truncated-stream",
  streamError: "mock-stream-error",
  streamErrorFirst: "mock-stream-error-first",
  garbage: "mock-garbage",
  hang: "mock-hang",
  /** Streams its answer one character per chunk (for stream rewriting across chunk boundaries). */
  characterStream: "mock-character-stream",
} as const;

export const DELAY_HEADER = "x-mock-delay-ms";

/** Milliseconds from the `x-mock-delay-ms` request header, else `fallback`. */
export function delayFromHeaders(headers: Record<string, string>, fallback: number): number {
  const value = Number(headers[DELAY_HEADER]);
  return headers[DELAY_HEADER] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Content deltas the slow stream is cut into. */
export const SLOW_STREAM_CHUNKS = 10;
