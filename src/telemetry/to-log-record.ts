import type { LogEvent } from "../spec/log-event.js";
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
    // The provider's raw usage object is dropped: it repeats the normalised numbers. Only the
    // providers that keep one pay for the copies (two shallow copies cost about 2% of a request).
    eventJson: JSON.stringify(
      usage?.raw === undefined
        ? event
        : Object.assign({}, event, { usage: Object.assign({}, usage, { raw: undefined }) }),
    ),
  };
}
