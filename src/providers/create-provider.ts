import type { ProviderConfig } from "../config/schema.js";
import type { ProviderAdapter } from "../spec/provider-adapter.js";
import { ProviderConfigError } from "./provider-config-error.js";
import { PROVIDER_FACTORIES } from "./provider-factories.js";

export { ProviderConfigError };

/** Builds the adapter for one configured provider. */
export function createProvider(
  name: string,
  config: ProviderConfig,
  env: NodeJS.ProcessEnv = process.env,
): ProviderAdapter {
  const factory = Object.hasOwn(PROVIDER_FACTORIES, config.type) ? PROVIDER_FACTORIES[config.type] : undefined;
  if (!factory) {
    throw new ProviderConfigError(
      name,
      "type",
      `unknown provider type "${config.type}" (known: ${Object.keys(PROVIDER_FACTORIES).join(", ")})`,
    );
  }
  return factory(name, config, env);
}
