import type { ProviderConfig, ProviderConfigOf, ProviderType } from "../config/schema.js";
import { PROVIDER_SPECIFICATION_VERSION, type ProviderAdapter } from "../contract/provider-adapter.js";
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
  return createTypedProvider(config.type, name, config, env);
}

// Generic over the type so the loader under `type` is known to take this config.
async function createTypedProvider<Type extends ProviderType>(
  type: Type,
  name: string,
  config: ProviderConfigOf<Type>,
  env: NodeJS.ProcessEnv,
): Promise<ProviderAdapter> {
  // The schema admits only known types; this guards entries built without it.
  if (!Object.hasOwn(PROVIDER_FACTORIES, type)) {
    throw new ProviderConfigError(
      name,
      "type",
      `unknown provider type "${type}" (known: ${Object.keys(PROVIDER_FACTORIES).join(", ")})`,
    );
  }
  const factory = await PROVIDER_FACTORIES[type]();
  const build = (apiKey: string | undefined): ProviderAdapter => {
    const adapter = factory(name, { ...config, apiKey }, env);
    checkSpecificationVersion(name, type, adapter);
    return adapter;
  };
  if (config.apiKeys && config.apiKeys.length > 1) return new KeyRotatingAdapter(config.apiKeys.map(build));
  return build(config.apiKey ?? config.apiKeys?.[0]);
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
