import type { ModelPrice } from "../../config/auth-schema.js";
import type { SwitchyardConfig } from "../../config/schema.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { estimateInputTokens } from "../../inbound/anthropic-messages/estimate-input-tokens.js";
import type { PriceTable } from "../../telemetry/price-table.js";
import type { RequestEstimate } from "../limits/admission-checks.js";

/** The provider type behind a configured provider name (prices are listed by type). */
export function providerType(config: SwitchyardConfig, provider: string): string {
  return config.providers[provider]?.type ?? provider;
}

/** (provider type, upstream model) of every target the client's model may reach. */
function targetsOf(config: SwitchyardConfig, model: string): Array<{ provider: string; model: string }> {
  const virtual = config.models[model];
  if (virtual) {
    return [...virtual.targets, ...virtual.routes.flatMap((route) => route.targets)].map((target) => ({
      provider: providerType(config, target.provider),
      model: target.model,
    }));
  }
  const slash = model.indexOf("/");
  if (slash <= 0) return [];
  return [{ provider: providerType(config, model.slice(0, slash)), model: model.slice(slash + 1) }];
}

/** Computed only when a limit or budget asks, so a key without token limits never tokenizes. */
function estimate(
  config: SwitchyardConfig,
  prices: PriceTable,
  model: string,
  count: () => { input: number; output: number },
): RequestEstimate {
  let counted: { input: number; output: number } | undefined;
  const tokens = () => {
    counted ??= count();
    return counted;
  };
  const dearest = (): { price: ModelPrice; microUsd: number } | undefined => {
    let found: { price: ModelPrice; microUsd: number } | undefined;
    for (const target of targetsOf(config, model)) {
      const price = prices.priceFor(target.provider, target.model);
      if (!price) continue;
      const { input, output } = tokens();
      // USD per million tokens × tokens = micro-USD.
      const microUsd = Math.ceil(input * price.inputPerMillion + output * price.outputPerMillion);
      if (!found || microUsd > found.microUsd) found = { price, microUsd };
    }
    return found;
  };
  return {
    model,
    tokens: () => tokens().input + tokens().output,
    inputTokens: () => tokens().input,
    microUsd: () => dearest()?.microUsd,
    price: () => dearest()?.price,
  };
}

/** Prompt tokens (o200k tokenizer) plus the most the answer may hold, for admission. */
export function estimateChat(
  config: SwitchyardConfig,
  prices: PriceTable,
  request: ChatRequest,
  defaultMaxOutputTokens: number,
): RequestEstimate {
  return estimate(config, prices, request.model, () => ({
    input: estimateInputTokens(request),
    output: (request.sampling.maxOutputTokens ?? defaultMaxOutputTokens) * (request.sampling.n ?? 1),
  }));
}

export function estimateEmbeddings(
  config: SwitchyardConfig,
  prices: PriceTable,
  model: string,
  inputTokens: () => number,
): RequestEstimate {
  return estimate(config, prices, model, () => ({ input: inputTokens(), output: 0 }));
}
