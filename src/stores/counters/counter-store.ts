/** One counter an admission must fit under. */
export interface CounterCheck {
  key: string;
  /** What this request adds (1 request, estimated tokens, micro-USD). */
  amount: number;
  limit: number;
  /** Lifetime of a new counter in ms (its window); 0: never expires. */
  windowMs: number;
  /** Renew the lifetime on every admission (concurrency counters heal this way after a crash). */
  renew?: boolean;
}

/** A counter after the admission: its value and ms until it resets (-1: never). */
export interface CounterState {
  used: number;
  resetMs: number;
}

export type ReserveResult =
  | { admitted: true; states: CounterState[] }
  /** Nothing was added; `refused` is the index of the first check that did not fit. */
  | { admitted: false; refused: number; state: CounterState };

/**
 * Atomic counters for limits and budgets: every check fits and all are added, or none is
 * (reserve-then-settle). In memory on one machine, in Redis (Lua scripts) across many.
 */
export interface CounterStore {
  reserve(checks: readonly CounterCheck[]): Promise<ReserveResult>;
  /** Adds deltas (settlement, release) to counters that still exist; never below zero. */
  adjust(changes: ReadonlyArray<{ key: string; delta: number }>): Promise<void>;
}

/** The rule both stores apply: a spent counter refuses, and so does one the amount would overflow. */
export function fits(used: number, amount: number, limit: number): boolean {
  return used < limit && used + amount <= limit;
}
