import type { ProviderConfig } from "../config/schema.js";
import type { ProviderAdapter } from "../contract/provider-adapter.js";
import { KeyRotatingAdapter } from "./key-rotating-adapter.js";
import { ProviderConfigError } from "./provider-config-error.js";
import { PROVIDER_FACTORIES } from "./provider-factories.js";

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
  const factory = await loadFactory();
  if (config.apiKeys && config.apiKeys.length > 1) {
    return new KeyRotatingAdapter(
      config.apiKeys.map((apiKey) => factory(name, Object.assign({}, config, { apiKey }), env)),
    );
  }
  const apiKey = config.apiKey ?? config.apiKeys?.[0];
  return factory(name, Object.assign({}, config, { apiKey }), env);
}
