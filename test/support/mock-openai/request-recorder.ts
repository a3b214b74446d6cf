// Keeps the requests the mock received and lets tests wait for arrivals and client aborts.
import type { RecordedRequest } from "../mock-openai-upstream.js";

const DEFAULT_WAIT_MS = 5_000;

interface Waiter {
  isSatisfied(): boolean;
  resolve(): void;
  reject(error: Error): void;
}

export class RequestRecorder {
  /** In arrival order; cleared in place by `reset()` so held references stay live. */
  readonly requests: RecordedRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  record(request: RecordedRequest): void {
    this.requests.push(request);
    this.notify();
  }

  markAborted(request: RecordedRequest): void {
    request.aborted = true;
    this.notify();
  }

  reset(): void {
    this.requests.length = 0;
  }

  waitForRequests(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    return this.waitUntil(
      () => this.requests.length >= count,
      timeoutMs,
      () => `waiting for ${count} request(s), received ${this.requests.length}`,
    );
  }

  /** Waits for `requests[index]`; the default is the last request at call time (or the first to come). */
  waitForAbort(index?: number, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const target = index ?? Math.max(0, this.requests.length - 1);
    return this.waitUntil(
      () => this.requests[target]?.aborted === true,
      timeoutMs,
      () =>
        this.requests[target] === undefined
          ? `waiting for request ${target} to be aborted, but it never arrived`
          : `waiting for request ${target} (${this.requests[target]?.path}) to be aborted by the client`,
    );
  }

  /** Fails every pending wait; later waits fail at once unless already satisfied. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) waiter.reject(new Error("mock OpenAI upstream closed while a test was waiting"));
    this.waiters.clear();
  }

  private waitUntil(isSatisfied: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    if (isSatisfied()) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error(`mock OpenAI upstream is closed (${describe()})`));
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`mock OpenAI upstream: timed out after ${timeoutMs} ms ${describe()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        isSatisfied,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const waiter of this.waiters) {
      if (!waiter.isSatisfied()) continue;
      this.waiters.delete(waiter);
      waiter.resolve();
    }
  }
}
