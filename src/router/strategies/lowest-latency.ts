import type { Strategy } from "./strategy.js";

/**
 * `latency`: lowest recent latency first. A target without a measurement yet counts as the
 * fastest, so every target gets measured before the strategy settles.
 */
export const lowestLatency: Strategy = (targets, view) =>
  targets
    .map((target, index) => ({ target, index, latency: view.latencyMs(target) ?? 0 }))
    .sort((a, b) => a.latency - b.latency || a.index - b.index)
    .map((entry) => entry.target);
