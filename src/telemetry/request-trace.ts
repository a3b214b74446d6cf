import type { RequestTrace } from "../contract/request-context.js";
import type { RandomHex } from "./random-hex.js";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(?:-.*)?$/;
const ZERO_TRACE = "0".repeat(32);
const ZERO_SPAN = "0".repeat(16);

/**
 * The request's trace: the W3C traceparent's trace id and flags when the header is valid (the
 * caller's span becomes the parent), else a new sampled trace. The gateway's span gets a new id.
 */
export function startRequestTrace(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  ids: RandomHex,
): RequestTrace {
  const header = headers.traceparent;
  const match = typeof header === "string" ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (match?.[1] && match[2] && match[3] && match[1] !== ZERO_TRACE && match[2] !== ZERO_SPAN) {
    return { traceId: match[1], spanId: ids.next(8), parentSpanId: match[2], flags: match[3] };
  }
  return { traceId: ids.next(16), spanId: ids.next(8), flags: "01" };
}

/** A child span of the request for one upstream attempt, and the traceparent that carries it. */
export function attemptTrace(trace: RequestTrace, ids: RandomHex): { spanId: string; headers: Record<string, string> } {
  const spanId = ids.next(8);
  return { spanId, headers: { traceparent: `00-${trace.traceId}-${spanId}-${trace.flags}` } };
}
