import type { Strategy } from "./strategy.js";

/** `fallback`: the configured order. */
export const ordered: Strategy = (targets) => [...targets];

/** `single`: only the first target. */
export const single: Strategy = (targets) => targets.slice(0, 1);
