import type { Strategy } from "./strategy.js";

/** `round-robin`: each request starts one target further along the list. */
export const roundRobin: Strategy = (targets, view) => {
  const start = view.turn() % targets.length;
  return [...targets.slice(start), ...targets.slice(0, start)];
};
