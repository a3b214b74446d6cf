import type { VirtualModelConfig } from "../config/schema.js";
import { GatewayError } from "../spec/errors.js";
import type { Plugin } from "../spec/plugin.js";
import type { ProviderAdapter } from "../spec/provider-adapter.js";
import type { RoutePlan } from "./route-plan.js";

export interface ModelListing {
  id: string;
  ownedBy: string;
}

/** Resolves a client's model name — a virtual model or `provider/model` — to a route plan. */
export class RouteTable {
  private readonly virtualPlans = new Map<string, RoutePlan>();

  constructor(
    private readonly providers: ReadonlyMap<string, ProviderAdapter>,
    virtualModels: Record<string, VirtualModelConfig>,
    modelPlugins: ReadonlyMap<string, readonly Plugin[]>,
  ) {
    for (const [name, model] of Object.entries(virtualModels)) {
      this.virtualPlans.set(name, {
        model: name,
        virtualModel: name,
        strategy: model.strategy,
        targets: model.targets.map((target) => {
          const provider = providers.get(target.provider);
          if (!provider) throw new Error(`models.${name}: unknown provider ${target.provider}`);
          return { provider, upstreamModel: target.model, params: target.params, headers: target.headers };
        }),
        plugins: modelPlugins.get(name) ?? [],
      });
    }
  }

  resolve(model: string): RoutePlan {
    const plan = this.virtualPlans.get(model);
    if (plan) return plan;
    const slash = model.indexOf("/");
    if (slash > 0) {
      const provider = this.providers.get(model.slice(0, slash));
      const upstreamModel = model.slice(slash + 1);
      if (provider && upstreamModel) {
        return {
          model,
          strategy: "single",
          targets: [{ provider, upstreamModel, params: {}, headers: {} }],
          plugins: [],
        };
      }
    }
    throw new GatewayError("model_not_found", this.unknownModelMessage(model), { param: "model" });
  }

  /** Virtual models first, then each provider's listed models as provider/model. */
  list(): ModelListing[] {
    const listing: ModelListing[] = [...this.virtualPlans.keys()].map((id) => ({ id, ownedBy: "switchyard" }));
    for (const provider of this.providers.values()) {
      for (const model of provider.models) listing.push({ id: `${provider.name}/${model}`, ownedBy: provider.name });
    }
    return listing;
  }

  private unknownModelMessage(model: string): string {
    const virtual = [...this.virtualPlans.keys()];
    const providers = [...this.providers.keys()];
    const hints: string[] = [];
    if (virtual.length > 0) hints.push(`virtual models: ${virtual.join(", ")}`);
    if (providers.length > 0) hints.push(`or provider/model with a provider of: ${providers.join(", ")}`);
    else hints.push("no providers are configured");
    return `The model "${model}" does not exist here (${hints.join("; ")}).`;
  }
}
