import type { ProviderConfig } from "../config/schema.js";
import type { ProviderAdapter } from "../contract/provider-adapter.js";

/** Builds one configured provider's adapter from its type's config; throws ProviderConfigError naming the field at fault. */
export type ProviderFactory<Config extends ProviderConfig = ProviderConfig> = (
  name: string,
  config: Config,
  env: NodeJS.ProcessEnv,
) => ProviderAdapter;
