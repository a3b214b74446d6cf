import type { RouteTarget } from "../route-plan.js";

/** What a strategy may look at besides the targets: their load and speed, chance, and a turn counter. */
export interface StrategyView {
  inFlight(target: RouteTarget): number;
  /** Recent latency in ms; undefined for a target without a success yet. */
  latencyMs(target: RouteTarget): number | undefined;
  /** A number in [0, 1). */
  random(): number;
  /** 0, 1, 2, … per plan, for round-robin. */
  turn(): number;
}

/**
 * A routing strategy is a pure function: the targets in the order they should be tried.
 * The first is the choice; the rest are fallbacks.
 */
export type Strategy = (targets: readonly RouteTarget[], view: StrategyView) => RouteTarget[];
