import type { RetryConfig, StrategyName } from "../config/schema.js";
import type { Plugin } from "../contract/plugin.js";
import type { ProviderAdapter } from "../contract/provider-adapter.js";

/** One place a request may go: a provider and the model it knows. */
export interface RouteTarget {
  /** `provider/model`, the key of the target's health. */
  id: string;
  provider: ProviderAdapter;
  upstreamModel: string;
  weight: number;
  /** Request parameters forced for this target. */
  params: Record<string, unknown>;
  headers: Record<string, string>;
  /** Effective retry policy: global, then the model's, then the target's own. */
  retry: RetryConfig;
}

/** Where a named model goes: its targets and the strategy that orders them per request. */
export interface RoutePlan {
  /** The model name the client sent. */
  model: string;
  /** Set when the name is a virtual model from `models:`. */
  virtualModel?: string;
  strategy: StrategyName;
  targets: RouteTarget[];
  /** Plugins of the virtual model, run after the global ones. */
  plugins: readonly Plugin[];
  /** 0, 1, 2, … for round-robin. */
  turn(): number;
}

/** What conditional routes may look at. */
export interface RoutingInputs {
  metadata: Readonly<Record<string, string>>;
  /** The x-switchyard-route header. */
  routeHeader?: string;
  keyId?: string;
  projectId?: string;
}
