import type { ProviderConfig } from "../config/schema.js";
import { PROVIDER_SPECIFICATION_VERSION, type ProviderAdapter } from "../contract/provider-adapter.js";
import { KeyRotatingAdapter } from "./key-rotating-adapter.js";
import { ProviderConfigError } from "./provider-config-error.js";
import { PROVIDER_FACTORIES } from "./provider-factories.js";
import type { ProviderFactory } from "./provider-factory.js";

export { ProviderConfigError };

/** Builds the adapter for one configured provider, importing its type's module on first use. */
export async function createProvider(
  name: string,
  config: ProviderConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProviderAdapter> {
  const loadFactory = Object.hasOwn(PROVIDER_FACTORIES, config.type) ? PROVIDER_FACTORIES[config.type] : undefined;
  if (!loadFactory) {
    throw new ProviderConfigError(
      name,
      "type",
      `unknown provider type "${config.type}" (known: ${Object.keys(PROVIDER_FACTORIES).join(", ")})`,
    );
  }
  const factory = checkedFactory(await loadFactory());
  if (config.apiKeys && config.apiKeys.length > 1) {
    return new KeyRotatingAdapter(config.apiKeys.map((apiKey) => factory(name, { ...config, apiKey }, env)));
  }
  const apiKey = config.apiKey ?? config.apiKeys?.[0];
  return factory(name, { ...config, apiKey }, env);
}

/** A factory whose adapters are refused unless they implement this gateway's version of the contract. */
function checkedFactory(factory: ProviderFactory): ProviderFactory {
  return (name, config, env) => {
    const adapter = factory(name, config, env);
    checkSpecificationVersion(name, config.type, adapter);
    return adapter;
  };
}

/**
 * Refuses an adapter built for another version of the ProviderAdapter contract: one compiled
 * against an older or newer gateway would be called with arguments it does not expect.
 */
export function checkSpecificationVersion(name: string, type: string, adapter: ProviderAdapter): void {
  const version: unknown = (adapter as { specificationVersion?: unknown }).specificationVersion;
  if (version === PROVIDER_SPECIFICATION_VERSION) return;
  const found = version === undefined ? "no specificationVersion" : `specificationVersion ${JSON.stringify(version)}`;
  throw new ProviderConfigError(
    name,
    "type",
    `the "${type}" adapter implements ${found}, but this gateway needs "${PROVIDER_SPECIFICATION_VERSION}"`,
  );
}
