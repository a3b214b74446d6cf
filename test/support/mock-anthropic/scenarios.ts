// Scenario models: the request's `model` picks the mock's behaviour, so tests need no side channel.

export const SCENARIO = {
  error400: "mock-error-400",
  error429: "mock-error-429",
  error500: "mock-error-500",
  error529: "mock-error-529",
  /** message_start, then `event: error` (overloaded_error) after HTTP 200. */
  streamError: "mock-stream-error",
  /** The connection ends cleanly before message_delta and message_stop. */
  truncatedStream: "mock-truncated-stream",
  /** HTTP 200 with a body (or event data) that is not JSON. */
  garbage: "mock-garbage",
  /** Events `x-mock-delay-ms` apart (default 200), to abort mid-stream. */
  slowStream: "mock-slow-stream",
  /** Headers never come; the client must give up. */
  hang: "mock-hang",
} as const;

export const DELAY_HEADER = "x-mock-delay-ms";

/** Milliseconds from the `x-mock-delay-ms` request header, else `fallback`. */
export function delayFromHeaders(headers: Record<string, string>, fallback: number): number {
  const value = Number(headers[DELAY_HEADER]);
  return headers[DELAY_HEADER] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
