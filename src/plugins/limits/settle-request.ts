import type { CounterStore } from "../../stores/counters/counter-store.js";
import { MICRO_USD } from "./admission-checks.js";
import type { Reservation } from "./admit-request.js";

export interface ActualUse {
  /** Input + output tokens, when the answer reported usage. */
  tokens?: number;
  /** USD at the price table, when the price is known. */
  usd?: number;
}

/**
 * Replaces reservations with what the request really used and frees its concurrency slots.
 * What is unknown (no usage reported, unknown price) keeps its reservation: never counted as 0.
 */
export async function settleRequest(
  counters: CounterStore,
  reservation: Reservation,
  actual: ActualUse,
): Promise<void> {
  const changes: Array<{ key: string; delta: number }> = [];
  const tokens = actual.tokens ?? reservation.observed?.tokens;
  const microUsd = actual.usd !== undefined ? Math.round(actual.usd * MICRO_USD) : reservation.observed?.microUsd;
  for (const check of reservation.checks) {
    switch (check.kind) {
      case "concurrency":
        changes.push({ key: check.key, delta: -1 });
        break;
      case "tokens":
      case "budget-tokens":
        if (tokens !== undefined) changes.push({ key: check.key, delta: tokens - check.amount });
        break;
      case "budget-usd":
        if (microUsd !== undefined) changes.push({ key: check.key, delta: microUsd - check.amount });
        break;
      case "requests":
        break;
    }
  }
  await counters.adjust(changes);
}
