/** A timeout that was set; `cancel` makes sure it never fires. */
export interface Deadline {
  cancel(): void;
}

/**
 * Calls `onExpire` once `ms` have passed, unless cancelled first: the timeouts of requests and
 * their attempts, set and cancelled once or twice per request and almost never fired.
 *
 * setTimeout with clearTimeout costs about 17 µs right after the caches were flushed, which is
 * how a request finds them at a few hundred requests a second (see docs/performance.md,
 * Timers); here a deadline is one small object in a queue. All the
 * deadlines of one length expire in the order they were set, so each length has a queue and one
 * Node timer, armed for its oldest deadline still pending.
 */
export function setDeadline(ms: number, onExpire: () => void): Deadline {
  let queue = queues.get(ms);
  if (!queue) {
    queue = new LengthQueue(ms);
    queues.set(ms, queue);
  }
  return queue.add(onExpire);
}

/** Deadlines pending, for tests. */
export function pendingDeadlines(): number {
  let pending = 0;
  for (const queue of queues.values()) pending += queue.pending;
  return pending;
}

// One set per process, as Node's own timer lists are.
const queues = new Map<number, LengthQueue>();

/** Cancelled deadlines held before the queue is compacted (see LengthQueue.cancelled). */
const COMPACT_AFTER = 1024;

class PendingDeadline implements Deadline {
  constructor(
    readonly at: number,
    public onExpire: (() => void) | undefined,
    private readonly queue: LengthQueue,
  ) {}

  cancel(): void {
    if (this.onExpire === undefined) return;
    this.onExpire = undefined;
    this.queue.cancelled();
  }
}

class LengthQueue {
  pending = 0;
  private entries: PendingDeadline[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ms: number) {}

  add(onExpire: () => void): Deadline {
    const deadline = new PendingDeadline(performance.now() + this.ms, onExpire, this);
    this.entries.push(deadline);
    this.pending++;
    // A timer left armed for a deadline already cancelled still fires and re-arms: setting a
    // new one for every request would cost what this module saves.
    this.timer ??= this.arm(this.ms);
    return deadline;
  }

  cancelled(): void {
    this.pending--;
    if (this.pending === 0) {
      this.entries = [];
      this.head = 0;
      return;
    }
    // Cancelled deadlines stay queued until the timer passes them, which waits for the oldest
    // pending one: a long stream would keep them all, so they are swept once they outnumber the rest.
    const cancelled = this.entries.length - this.head - this.pending;
    if (cancelled > COMPACT_AFTER && cancelled > 2 * this.pending) {
      this.entries = this.entries.slice(this.head).filter((entry) => entry.onExpire !== undefined);
      this.head = 0;
    }
  }

  private arm(ms: number): NodeJS.Timeout {
    return setTimeout(this.expire, Math.max(1, Math.ceil(ms))).unref();
  }

  private readonly expire = (): void => {
    this.timer = undefined;
    const now = performance.now();
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head]!;
      const onExpire = entry.onExpire;
      if (onExpire !== undefined && entry.at > now) break;
      this.head++;
      if (onExpire === undefined) continue;
      entry.onExpire = undefined;
      this.pending--;
      onExpire();
    }
    if (this.pending === 0) {
      this.entries = [];
      this.head = 0;
      queues.delete(this.ms);
      return;
    }
    if (this.head > COMPACT_AFTER) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    // The loop stopped at the oldest pending deadline. A deadline set by one of the callbacks
    // above may have armed a timer already; one timer per queue is enough.
    const next = this.entries[this.head];
    clearTimeout(this.timer);
    this.timer = next ? this.arm(next.at - now) : undefined;
  };
}
