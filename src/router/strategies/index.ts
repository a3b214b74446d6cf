import type { StrategyName } from "../../config/schema.js";
import { leastBusy } from "./least-busy.js";
import { lowestLatency } from "./lowest-latency.js";
import { ordered, single } from "./ordered.js";
import { roundRobin } from "./round-robin.js";
import type { Strategy } from "./strategy.js";
import { weighted } from "./weighted.js";

export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  single,
  fallback: ordered,
  weighted,
  "round-robin": roundRobin,
  "least-busy": leastBusy,
  latency: lowestLatency,
};

export type { Strategy, StrategyView } from "./strategy.js";
