import type { CounterState } from "../../stores/counters/counter-store.js";
import type { AdmissionCheck } from "./admission-checks.js";

/**
 * OpenAI's x-ratelimit-* headers from the tightest request and token counters of this
 * admission (the one with the least left).
 */
export function rateLimitHeaders(
  checks: readonly AdmissionCheck[],
  states: readonly CounterState[],
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [kind, suffix] of [
    ["requests", "requests"],
    ["tokens", "tokens"],
  ] as const) {
    let tightest: { check: AdmissionCheck; state: CounterState } | undefined;
    for (const [index, check] of checks.entries()) {
      const state = states[index];
      if (check.kind !== kind || !state) continue;
      if (!tightest || check.limit - state.used < tightest.check.limit - tightest.state.used)
        tightest = { check, state };
    }
    if (!tightest) continue;
    headers[`x-ratelimit-limit-${suffix}`] = String(tightest.check.limit);
    headers[`x-ratelimit-remaining-${suffix}`] = String(Math.max(0, tightest.check.limit - tightest.state.used));
    headers[`x-ratelimit-reset-${suffix}`] = formatReset(tightest.state.resetMs);
  }
  return headers;
}

/** OpenAI's duration format: "20ms", "12s", "6m0s". */
export function formatReset(ms: number): string {
  if (ms < 0) return "0s";
  if (ms < 1_000) return `${Math.ceil(ms)}ms`;
  const seconds = Math.ceil(ms / 1_000);
  if (seconds < 60) return `${seconds}s`;
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  return hours > 0 ? `${hours}h${minutes}m${rest}s` : `${minutes}m${rest}s`;
}
