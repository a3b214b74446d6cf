import type { LogEvent } from "../../contract/log-event.js";
import type { Exchange } from "./exchange.js";

/**
 * The log event's identity and times for a request that is done: its id, when it arrived (ISO,
 * made now rather than on the request's path), how long it took, and how much of that was the
 * gateway's own, from one reading of the clock.
 *
 * Callers name the four fields in the event literal instead of starting it with a spread of this
 * result: V8 builds such a literal as a clone of the spread object with its other ~25 fields
 * added one at a time, and on Node 20 that event costs about 1.5 times the CPU per request (see
 * docs/performance.md, Object-literal shapes).
 */
export function exchangeTiming(
  exchange: Exchange,
  upstreamMs: number | undefined,
): Pick<LogEvent, "requestId" | "startedAt" | "durationMs" | "gatewayMs"> {
  const durationMs = performance.now() - exchange.startedAt;
  return {
    requestId: exchange.requestId,
    startedAt: new Date(exchange.startedAtEpochMs).toISOString(),
    durationMs,
    gatewayMs: Math.max(0, durationMs - (upstreamMs ?? 0)),
  };
}
