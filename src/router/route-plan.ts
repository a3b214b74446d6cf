import type { Plugin } from "../spec/plugin.js";
import type { ProviderAdapter } from "../spec/provider-adapter.js";

/** One place a request may go: a provider and the model it knows. */
export interface RouteTarget {
  provider: ProviderAdapter;
  upstreamModel: string;
  /** Request parameters forced for this target. */
  params: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Where a named model goes, in the order targets are tried. */
export interface RoutePlan {
  /** The model name the client sent. */
  model: string;
  /** Set when the name is a virtual model from `models:`. */
  virtualModel?: string;
  strategy: "single" | "fallback";
  targets: RouteTarget[];
  /** Plugins of the virtual model, run after the global ones. */
  plugins: readonly Plugin[];
}
