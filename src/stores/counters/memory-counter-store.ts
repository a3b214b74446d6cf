import { type CounterCheck, type CounterState, type CounterStore, fits, type ReserveResult } from "./counter-store.js";

interface Counter {
  value: number;
  /** Date.now() when the counter resets; Infinity for none. */
  resetsAt: number;
}

/** Counters of one process: check and add happen in one synchronous step, so nothing slips between. */
export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, Counter>();

  async reserve(checks: readonly CounterCheck[]): Promise<ReserveResult> {
    const now = Date.now();
    for (const [index, check] of checks.entries()) {
      const counter = this.live(check.key, now);
      const used = counter?.value ?? 0;
      if (!fits(used, check.amount, check.limit)) {
        return { admitted: false, refused: index, state: { used, resetMs: resetMs(counter, now) } };
      }
    }
    const states: CounterState[] = checks.map((check) => {
      const counter = this.live(check.key, now) ?? { value: 0, resetsAt: Number.POSITIVE_INFINITY };
      if (!this.counters.has(check.key) || check.renew) {
        counter.resetsAt = check.windowMs > 0 ? now + check.windowMs : Number.POSITIVE_INFINITY;
      }
      counter.value += check.amount;
      this.counters.set(check.key, counter);
      return { used: counter.value, resetMs: resetMs(counter, now) };
    });
    if (this.counters.size > 10_000) this.sweep(now);
    return { admitted: true, states };
  }

  async adjust(changes: ReadonlyArray<{ key: string; delta: number }>): Promise<void> {
    const now = Date.now();
    for (const change of changes) {
      const counter = this.live(change.key, now);
      if (counter) counter.value = Math.max(0, counter.value + change.delta);
    }
  }

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.resetsAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.counters) if (counter.resetsAt <= now) this.counters.delete(key);
  }
}

function resetMs(counter: Counter | undefined, now: number): number {
  if (!counter || counter.resetsAt === Number.POSITIVE_INFINITY) return -1;
  return counter.resetsAt - now;
}
