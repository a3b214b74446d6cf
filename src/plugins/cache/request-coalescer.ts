/**
 * Lets identical requests that arrive while the first is still in flight wait for its answer
 * instead of each calling the upstream. The first request leads; its answer (or undefined
 * when it failed or was not storable) is handed to every waiter.
 */
export class RequestCoalescer<Answer> {
  private readonly inFlight = new Map<string, Flight<Answer>>();

  /**
   * Returns undefined when the caller leads (nobody was in flight for this key), else a promise
   * of the leader's answer. A waiter gives up after `timeoutMs` and gets undefined.
   */
  join(key: string, leaderId: string, timeoutMs: number): Promise<Answer | undefined> | undefined {
    const flight = this.inFlight.get(key);
    if (!flight) {
      this.inFlight.set(key, { leaderId, waiters: [] });
      return undefined;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      flight.waiters.push((answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  /** The leader is done; waiters get its answer. Only the leader that joined first can settle. */
  settle(key: string, leaderId: string, answer: Answer | undefined): void {
    const flight = this.inFlight.get(key);
    if (!flight || flight.leaderId !== leaderId) return;
    this.inFlight.delete(key);
    for (const wake of flight.waiters) wake(answer);
  }

  get size(): number {
    return this.inFlight.size;
  }
}

interface Flight<Answer> {
  leaderId: string;
  waiters: Array<(answer: Answer | undefined) => void>;
}
