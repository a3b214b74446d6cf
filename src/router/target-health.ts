import type { CircuitBreakerConfig } from "../config/schema.js";
import { CircuitBreaker, type CircuitState } from "./circuit-breaker.js";

/** Weight of the newest sample in the latency average. */
const LATENCY_SMOOTHING = 0.3;

export interface TargetHealthSnapshot {
  target: string;
  circuit: CircuitState;
  inFlight: number;
  /** Exponentially weighted recent latency, ms; undefined until the first success. */
  latencyMs?: number;
  consecutiveFailures: number;
  windowRequests: number;
  windowFailures: number;
  openedAt?: string;
  lastError?: string;
}

/** What the router knows of one target (provider/model): load, speed and its circuit. */
export class TargetHealth {
  inFlight = 0;
  latencyMs?: number;
  lastError?: string;
  readonly circuit: CircuitBreaker;

  constructor(
    readonly target: string,
    config: CircuitBreakerConfig,
    now?: () => number,
  ) {
    this.circuit = new CircuitBreaker(config, now);
  }

  /** A request to the target begins; `end` must follow once it is over (for a stream: its last byte). */
  begin(): void {
    this.inFlight++;
  }

  end(): void {
    this.inFlight--;
  }

  succeeded(latencyMs: number): void {
    this.latencyMs =
      this.latencyMs === undefined
        ? latencyMs
        : LATENCY_SMOOTHING * latencyMs + (1 - LATENCY_SMOOTHING) * this.latencyMs;
    this.circuit.onSuccess();
  }

  failed(reason: string): void {
    this.lastError = reason;
    this.circuit.onFailure();
  }

  snapshot(): TargetHealthSnapshot {
    const window = this.circuit.window();
    return {
      target: this.target,
      circuit: this.circuit.state,
      inFlight: this.inFlight,
      latencyMs: this.latencyMs === undefined ? undefined : Math.round(this.latencyMs * 100) / 100,
      consecutiveFailures: this.circuit.consecutiveFailures,
      windowRequests: window.requests,
      windowFailures: window.failures,
      openedAt: this.circuit.openedAt === undefined ? undefined : new Date(this.circuit.openedAt).toISOString(),
      lastError: this.lastError,
    };
  }
}

/**
 * Health of every target, kept for the life of the process so a config reload does not forget
 * an open circuit. A target is a provider and upstream model: `openai/gpt-4o`.
 */
export class HealthRegistry {
  private readonly targets = new Map<string, TargetHealth>();

  constructor(
    private config: CircuitBreakerConfig,
    private readonly now?: () => number,
  ) {}

  /** New breaker settings apply to targets seen from now on. */
  configure(config: CircuitBreakerConfig): void {
    this.config = config;
  }

  get(target: string): TargetHealth {
    let health = this.targets.get(target);
    if (!health) {
      health = new TargetHealth(target, this.config, this.now);
      this.targets.set(target, health);
    }
    return health;
  }

  snapshot(): TargetHealthSnapshot[] {
    return [...this.targets.values()].map((health) => health.snapshot());
  }
}
