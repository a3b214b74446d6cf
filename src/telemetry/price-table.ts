import type { ModelPrice } from "../config/auth-schema.js";
import type { Usage } from "../contract/usage.js";
import { SHIPPED_PRICES } from "./price-data.js";

export type PriceTables = Readonly<Record<string, Readonly<Record<string, ModelPrice>>>>;

export interface PriceTable {
  /** USD per million tokens, or undefined when the price is unknown. */
  priceFor(provider: string, model: string): ModelPrice | undefined;
  /** USD for one request's usage, or undefined when the price is unknown (never a guessed 0). */
  costOf(provider: string, model: string, usage: Usage): number | undefined;
}

// Azure serves OpenAI's models at OpenAI's list prices.
const PROVIDER_ALIASES: Readonly<Record<string, string>> = { azure: "openai" };
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/** The shipped prices with the config's overrides on top (an override wins per model). */
export function createPriceTable(overrides: PriceTables = {}): PriceTable {
  const lookup = (provider: string, model: string): ModelPrice | undefined => {
    const bare = model.replace(SNAPSHOT_SUFFIX, "");
    for (const name of [provider, PROVIDER_ALIASES[provider]]) {
      if (!name) continue;
      const found =
        overrides[name]?.[model] ??
        overrides[name]?.[bare] ??
        SHIPPED_PRICES[name]?.[model] ??
        SHIPPED_PRICES[name]?.[bare];
      if (found) return found;
    }
    return undefined;
  };
  return {
    priceFor: lookup,
    costOf(provider, model, usage) {
      const price = lookup(provider, model);
      if (!price) return undefined;
      const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
      const cachedPrice = price.cachedInputPerMillion ?? price.inputPerMillion;
      return (
        ((usage.inputTokens - cached) * price.inputPerMillion +
          cached * cachedPrice +
          usage.outputTokens * price.outputPerMillion) /
        1_000_000
      );
    },
  };
}

const shipped = createPriceTable();

/** The shipped price of a provider's model (provider type, e.g. "openai"). */
export function priceFor(provider: string, model: string): ModelPrice | undefined {
  return shipped.priceFor(provider, model);
}

/** USD for a usage at shipped prices; undefined when the price is unknown. */
export function costOf(provider: string, model: string, usage: Usage): number | undefined {
  return shipped.costOf(provider, model, usage);
}
