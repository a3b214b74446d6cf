import { GatewayError } from "../../contract/errors.js";
import type { CounterState, CounterStore } from "../../stores/counters/counter-store.js";
import { type AdmissionCheck, MICRO_USD } from "./admission-checks.js";
import { formatReset, rateLimitHeaders } from "./rate-limit-headers.js";

/** What an admitted request holds until it is settled. */
export interface Reservation {
  checks: AdmissionCheck[];
  /** What a stream ended for its budget had used by then, when no usage arrived. */
  observed?: { tokens: number; microUsd?: number };
}

export interface Admission {
  reservation: Reservation;
  /** Each reserved counter after this admission, in the order of `reservation.checks`. */
  states: CounterState[];
  headers: Record<string, string>;
  /** Set when a shadow limit would have refused: what it would have said. */
  shadowRefusal?: string;
}

/**
 * Reserves every enforced counter at once or refuses with 429 (nothing is counted then).
 * Shadow limits are reserved apart: a shadow refusal is reported, never enforced.
 */
export async function admitRequest(counters: CounterStore, checks: readonly AdmissionCheck[]): Promise<Admission> {
  const enforced = checks.filter((check) => !check.shadow);
  const shadow = checks.filter((check) => check.shadow);
  const result = await counters.reserve(enforced);
  if (!result.admitted) {
    const refused = enforced[result.refused] as AdmissionCheck;
    throw refusal(refused, result.state);
  }
  const reserved = [...enforced];
  const states: CounterState[] = [...result.states];
  let shadowRefusal: string | undefined;
  if (shadow.length > 0) {
    const shadowResult = await counters.reserve(shadow);
    if (shadowResult.admitted) {
      reserved.push(...shadow);
      states.push(...shadowResult.states);
    } else {
      shadowRefusal = refusal(shadow[shadowResult.refused] as AdmissionCheck, shadowResult.state).message;
    }
  }
  return { reservation: { checks: reserved }, states, headers: rateLimitHeaders(reserved, states), shadowRefusal };
}

function refusal(check: AdmissionCheck, state: CounterState): GatewayError {
  const retrySeconds = check.kind === "concurrency" ? 1 : state.resetMs > 0 ? Math.ceil(state.resetMs / 1_000) : 0;
  const headers: Record<string, string> = {};
  if (retrySeconds > 0) headers["retry-after"] = String(retrySeconds);
  const when = retrySeconds > 0 ? ` Retry after ${retrySeconds} s.` : "";
  if (check.kind === "budget-usd" || check.kind === "budget-tokens") {
    const spent =
      check.kind === "budget-usd"
        ? `$${(state.used / MICRO_USD).toFixed(4)} of $${(check.limit / MICRO_USD).toFixed(2)}`
        : `${state.used} of ${check.limit} tokens`;
    return new GatewayError(
      "budget_exceeded",
      `The budget of ${check.owner} is spent or too small for this request (${spent} used).${when}`,
      { headers },
    );
  }
  const suffix = check.kind === "requests" ? "requests" : "tokens";
  if (check.kind !== "concurrency") {
    headers[`x-ratelimit-limit-${suffix}`] = String(check.limit);
    headers[`x-ratelimit-remaining-${suffix}`] = String(Math.max(0, check.limit - state.used));
    headers[`x-ratelimit-reset-${suffix}`] = formatReset(state.resetMs);
  }
  const what =
    check.kind === "requests"
      ? `${check.limit} requests per minute`
      : check.kind === "tokens"
        ? `${check.limit} tokens per minute (${state.used} used, this request needs up to ${check.amount})`
        : `${check.limit} concurrent requests`;
  return new GatewayError("rate_limit_exceeded", `Rate limit of ${check.owner} reached: ${what}.${when}`, {
    headers,
  });
}
