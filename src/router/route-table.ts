import type {
  ConditionalRouteConfig,
  PartialRetryConfig,
  RetryConfig,
  StrategyName,
  TargetConfig,
  VirtualModelConfig,
} from "../config/schema.js";
import { GatewayError } from "../contract/errors.js";
import type { Plugin } from "../contract/plugin.js";
import type { ProviderAdapter } from "../contract/provider-adapter.js";
import type { RoutePlan, RouteTarget, RoutingInputs } from "./route-plan.js";

export interface ModelListing {
  id: string;
  ownedBy: string;
}

interface VirtualModelRoutes {
  plan: RoutePlan;
  conditional: Array<{ when: ConditionalRouteConfig["when"]; plan: RoutePlan }>;
}

/** Resolves a client's model name — a virtual model or `provider/model` — to a route plan. */
export class RouteTable {
  private readonly virtualModels = new Map<string, VirtualModelRoutes>();

  constructor(
    private readonly providers: ReadonlyMap<string, ProviderAdapter>,
    virtualModels: Record<string, VirtualModelConfig>,
    modelPlugins: ReadonlyMap<string, readonly Plugin[]>,
    private readonly defaultRetry: RetryConfig,
  ) {
    for (const [name, model] of Object.entries(virtualModels)) {
      const plugins = modelPlugins.get(name) ?? [];
      const retry = { ...defaultRetry, ...model.retry };
      const planFor = (strategy: StrategyName, targets: TargetConfig[]) =>
        this.plan(
          name,
          name,
          strategy,
          targets.map((target) => this.target(name, target, retry)),
          plugins,
        );
      this.virtualModels.set(name, {
        plan: planFor(model.strategy, model.targets),
        conditional: model.routes.map((route) => ({
          when: route.when,
          plan: planFor(route.strategy ?? model.strategy, route.targets),
        })),
      });
    }
  }

  resolve(model: string, inputs: RoutingInputs = { metadata: {} }): RoutePlan {
    const virtual = this.virtualModels.get(model);
    if (virtual) return virtual.conditional.find((route) => matches(route.when, inputs))?.plan ?? virtual.plan;
    const slash = model.indexOf("/");
    if (slash > 0) {
      const provider = this.providers.get(model.slice(0, slash));
      const upstreamModel = model.slice(slash + 1);
      if (provider && upstreamModel) {
        const target = this.target(
          model,
          { provider: provider.name, model: upstreamModel, weight: 1, params: {}, headers: {} },
          this.defaultRetry,
        );
        return this.plan(model, undefined, "single", [target], []);
      }
    }
    throw new GatewayError("model_not_found", this.unknownModelMessage(model), { param: "model" });
  }

  /** Virtual models first, then each provider's listed models as provider/model. */
  list(): ModelListing[] {
    const listing: ModelListing[] = [...this.virtualModels.keys()].map((id) => ({ id, ownedBy: "switchyard" }));
    for (const provider of this.providers.values()) {
      for (const model of provider.models) listing.push({ id: `${provider.name}/${model}`, ownedBy: provider.name });
    }
    return listing;
  }

  private plan(
    model: string,
    virtualModel: string | undefined,
    strategy: StrategyName,
    targets: RouteTarget[],
    plugins: readonly Plugin[],
  ): RoutePlan {
    let turns = 0;
    return { model, virtualModel, strategy, targets, plugins, turn: () => turns++ };
  }

  private target(
    model: string,
    config: TargetConfig & { retry?: PartialRetryConfig },
    retry: RetryConfig,
  ): RouteTarget {
    const provider = this.providers.get(config.provider);
    if (!provider) throw new Error(`models.${model}: unknown provider ${config.provider}`);
    return {
      id: `${provider.name}/${config.model}`,
      provider,
      upstreamModel: config.model,
      weight: config.weight,
      params: config.params,
      headers: config.headers,
      retry: { ...retry, ...config.retry },
    };
  }

  private unknownModelMessage(model: string): string {
    const virtual = [...this.virtualModels.keys()];
    const providers = [...this.providers.keys()];
    const hints: string[] = [];
    if (virtual.length > 0) hints.push(`virtual models: ${virtual.join(", ")}`);
    if (providers.length > 0) hints.push(`or provider/model with a provider of: ${providers.join(", ")}`);
    else hints.push("no providers are configured");
    return `The model "${model}" does not exist here (${hints.join("; ")}).`;
  }
}

function matches(when: ConditionalRouteConfig["when"], inputs: RoutingInputs): boolean {
  if (when.header !== undefined && inputs.routeHeader !== when.header) return false;
  if (when.keys && (!inputs.keyId || !when.keys.includes(inputs.keyId))) return false;
  if (when.projects && (!inputs.projectId || !when.projects.includes(inputs.projectId))) return false;
  for (const [key, value] of Object.entries(when.metadata ?? {})) {
    if (inputs.metadata[key] !== value) return false;
  }
  return true;
}
