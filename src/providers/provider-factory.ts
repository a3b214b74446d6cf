import type { ProviderConfig } from "../config/schema.js";
import type { ProviderAdapter } from "../contract/provider-adapter.js";

/** Builds one configured provider's adapter; throws ProviderConfigError naming the field at fault. */
export type ProviderFactory = (name: string, config: ProviderConfig, env: NodeJS.ProcessEnv) => ProviderAdapter;
