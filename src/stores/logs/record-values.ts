import type { LogRecord } from "./log-record.js";

/** A record's values in RECORD_COLUMNS order (booleans as the driver wants them). */
export function recordValues(record: LogRecord, booleanAsNumber: boolean): unknown[] {
  return [
    record.requestId,
    record.startedAt,
    record.durationMs,
    record.timeToFirstTokenMs ?? null,
    record.gatewayMs,
    record.upstreamMs ?? null,
    record.endpoint,
    record.dialect,
    record.model ?? null,
    record.provider ?? null,
    record.upstreamModel ?? null,
    record.status,
    record.errorCode ?? null,
    record.keyId ?? null,
    record.projectId ?? null,
    booleanAsNumber ? Number(record.stream) : record.stream,
    record.inputTokens,
    record.outputTokens,
    record.cachedTokens,
    record.reasoningTokens,
    record.costUsd ?? null,
    record.cacheStatus ?? null,
    record.retries,
    record.fallbacks,
    record.captureLevel,
    JSON.stringify(record.metadata),
    record.eventJson,
  ];
}
