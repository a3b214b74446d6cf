import type { LogEvent } from "../contract/log-event.js";
import type { LogRecord } from "../stores/logs/log-record.js";

/** The stored row of an enriched log event. */
export function toLogRecord(event: LogEvent, messagesText: string | undefined): LogRecord {
  const usage = event.usage;
  const started = Date.parse(event.startedAt);
  return {
    requestId: event.requestId,
    startedAt: Number.isNaN(started) ? Date.now() : started,
    durationMs: event.durationMs,
    timeToFirstTokenMs: event.timeToFirstTokenMs,
    gatewayMs: event.gatewayMs,
    upstreamMs: event.upstreamMs,
    endpoint: event.endpoint,
    dialect: event.dialect,
    model: event.model,
    provider: event.provider,
    upstreamModel: event.upstreamModel,
    status: event.status,
    errorCode: event.errorCode,
    keyId: event.keyId,
    projectId: event.projectId,
    stream: event.stream,
    inputTokens: usage?.inputTokens ?? 0,
    outputTokens: usage?.outputTokens ?? 0,
    cachedTokens: usage?.cachedInputTokens ?? 0,
    reasoningTokens: usage?.reasoningTokens ?? 0,
    costUsd: event.costUsd,
    cacheStatus: event.cacheStatus,
    retries: event.retries ?? 0,
    fallbacks: event.fallbacks ?? 0,
    captureLevel: event.captured?.level ?? "none",
    metadata: event.metadata ?? {},
    messagesText,
    eventJson: eventJsonOf(event),
  };
}

/**
 * The event as JSON, without the provider's raw usage object: it repeats the normalised numbers.
 * The raw object is hidden for the length of the (synchronous) stringify and put back, instead
 * of copying the event and its usage to leave it out: those two copies would be 3 KB of a
 * request's garbage (see docs/performance.md, Allocation and garbage collection). A usage object
 * that will not let go of it (frozen, say) gets the copies.
 */
function eventJsonOf(event: LogEvent): string {
  const usage = event.usage;
  if (usage?.raw === undefined) return JSON.stringify(event);
  const raw = usage.raw;
  if (!Reflect.set(usage, "raw", undefined)) {
    return JSON.stringify(Object.assign({}, event, { usage: Object.assign({}, usage, { raw: undefined }) }));
  }
  try {
    return JSON.stringify(event);
  } finally {
    usage.raw = raw;
  }
}
