import type { LogAttempt, LogEvent } from "../contract/log-event.js";

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
 * put them), retries and fallbacks, the cache status plugins reported, and the cost. The event is
 * filled in place and returned: each handler builds a fresh one per request, and copying its
 * thirty fields twice per request showed in the profile.
 */
export function enrichLogEvent(event: LogEvent, costOf: (event: LogEvent) => number | undefined): LogEvent {
  if (Object.hasOwn(event.fields, "attempts")) {
    const { attempts: moved, ...fields } = event.fields;
    event.attempts ??= Array.isArray(moved) ? (moved as LogAttempt[]) : undefined;
    event.fields = fields;
  }
  const attempts = event.attempts ?? [];
  event.attempts = attempts;
  const { retries, fallbacks } = countRetries(attempts);
  event.retries = retries;
  event.fallbacks = fallbacks;
  if (typeof event.fields.cacheStatus === "string") event.cacheStatus = event.fields.cacheStatus;
  event.costUsd ??= costOf(event);
  return event;
}
