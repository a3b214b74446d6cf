import type { Strategy } from "./strategy.js";

/** `least-busy`: fewest requests in flight first; ties keep the configured order. */
export const leastBusy: Strategy = (targets, view) =>
  targets
    .map((target, index) => ({ target, index, load: view.inFlight(target) }))
    .sort((a, b) => a.load - b.load || a.index - b.index)
    .map((entry) => entry.target);
