import type { CircuitBreakerConfig } from "../config/schema.js";

export type CircuitState = "closed" | "open" | "half-open";

const BUCKETS = 10;

/**
 * A per-target circuit breaker: opens after N consecutive failures or a failure rate over a
 * sliding window (ten buckets, so memory stays constant at any request rate), skips the target
 * while open, and after the cooldown lets exactly one probe through; the probe's outcome closes
 * or re-opens it.
 */
export class CircuitBreaker {
  state: CircuitState = "closed";
  consecutiveFailures = 0;
  openedAt?: number;
  private probeInFlight = false;
  private readonly requests = new Array<number>(BUCKETS).fill(0);
  private readonly failures = new Array<number>(BUCKETS).fill(0);
  private bucketStart = 0;
  private bucketIndex = 0;

  constructor(
    private readonly config: CircuitBreakerConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.bucketStart = now();
  }

  /** Whether a request may go to the target now; in half-open state only one probe may. */
  tryAcquire(): boolean {
    if (!this.config.enabled || this.state === "closed") return true;
    if (this.state === "open") {
      if (this.now() - (this.openedAt ?? 0) < this.config.cooldownMs) return false;
      this.state = "half-open";
    }
    if (this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  onSuccess(): void {
    this.count(false);
    this.consecutiveFailures = 0;
    if (this.state === "half-open") this.close();
  }

  onFailure(): void {
    this.count(true);
    this.consecutiveFailures++;
    if (this.state === "half-open") {
      this.open();
      return;
    }
    if (this.state === "closed" && this.shouldOpen()) this.open();
  }

  /** Failures and requests in the current window. */
  window(): { requests: number; failures: number } {
    this.rotate();
    return { requests: sum(this.requests), failures: sum(this.failures) };
  }

  private shouldOpen(): boolean {
    if (!this.config.enabled) return false;
    if (this.consecutiveFailures >= this.config.consecutiveFailures) return true;
    const { requests, failures } = this.window();
    return requests >= this.config.minimumRequests && failures / requests >= this.config.failureRate;
  }

  private open(): void {
    this.state = "open";
    this.openedAt = this.now();
    this.probeInFlight = false;
  }

  private close(): void {
    this.state = "closed";
    this.openedAt = undefined;
    this.probeInFlight = false;
    this.requests.fill(0);
    this.failures.fill(0);
  }

  private count(failed: boolean): void {
    this.rotate();
    this.requests[this.bucketIndex]! += 1;
    if (failed) this.failures[this.bucketIndex]! += 1;
  }

  /** Moves the window forward, clearing buckets that fell out of it. */
  private rotate(): void {
    const bucketMs = this.config.windowMs / BUCKETS;
    const elapsed = Math.floor((this.now() - this.bucketStart) / bucketMs);
    if (elapsed <= 0) return;
    for (let step = 0; step < Math.min(elapsed, BUCKETS); step++) {
      this.bucketIndex = (this.bucketIndex + 1) % BUCKETS;
      this.requests[this.bucketIndex] = 0;
      this.failures[this.bucketIndex] = 0;
    }
    this.bucketStart += elapsed * bucketMs;
  }
}

function sum(values: number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
