// Scenario models: the model id in the request path picks the mock's behaviour.

export const SCENARIO = {
  error400: "mock-error-400",
  error403: "mock-error-403",
  error404: "mock-error-404",
  error429: "mock-error-429",
  error500: "mock-error-500",
  error503: "mock-error-503",
  /** ConverseStream: messageStart, then a throttlingException frame. */
  streamException: "mock-stream-exception",
  /** ConverseStream: the first frame's message CRC is wrong. */
  badCrc: "mock-bad-crc",
  /** ConverseStream: two text deltas and half a frame, then the body ends. */
  truncatedStream: "mock-truncated-stream",
  /** 200 with a body that is neither JSON nor an event stream. */
  garbage: "mock-garbage",
  /** ConverseStream: x-mock-delay-ms (default 200) between frames. */
  slowStream: "mock-slow-stream",
  /** Never answers. */
  hang: "mock-hang",
} as const;

export const DELAY_HEADER = "x-mock-delay-ms";
export const SLOW_STREAM_DEFAULT_DELAY_MS = 200;

/** Milliseconds from the `x-mock-delay-ms` request header, else `fallback`. */
export function delayFromHeaders(headers: Record<string, string>, fallback: number): number {
  const value = Number(headers[DELAY_HEADER]);
  return headers[DELAY_HEADER] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
