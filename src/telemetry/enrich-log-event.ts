import type { LogAttempt, LogEvent } from "../spec/log-event.js";

/** Retries (same target again) and fallbacks (another target) among the attempts. */
export function countRetries(attempts: readonly LogAttempt[]): { retries: number; fallbacks: number } {
  let retries = 0;
  let fallbacks = 0;
  for (let index = 1; index < attempts.length; index++) {
    const previous = attempts[index - 1];
    const current = attempts[index];
    if (!previous || !current) continue;
    if (previous.provider === current.provider && previous.upstreamModel === current.upstreamModel) retries++;
    else fallbacks++;
  }
  return { retries, fallbacks };
}

/**
 * Fills the derived fields of a log event: attempts (moved from fields.attempts where a handler
 * put them), retries and fallbacks, the cache status plugins reported, and the cost.
 */
export function enrichLogEvent(event: LogEvent, costOf: (event: LogEvent) => number | undefined): LogEvent {
  const attempts =
    event.attempts ?? (Array.isArray(event.fields.attempts) ? (event.fields.attempts as LogAttempt[]) : []);
  const { attempts: _moved, ...fields } = event.fields;
  const cacheStatus = typeof fields.cacheStatus === "string" ? fields.cacheStatus : event.cacheStatus;
  return {
    ...event,
    fields,
    attempts,
    ...countRetries(attempts),
    ...(cacheStatus !== undefined ? { cacheStatus } : {}),
    costUsd: event.costUsd ?? costOf(event),
  };
}
