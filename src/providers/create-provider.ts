import type { ProviderConfig } from "../config/schema.js";
import { UpstreamClient } from "../outbound/upstream-client.js";
import type { ProviderAdapter } from "../spec/provider-adapter.js";
import { azureEndpoints } from "./azure/azure-endpoints.js";
import { OpenAIAdapter } from "./openai/adapter.js";
import { findPreset, OPENAI_COMPATIBLE_PRESETS } from "./openai-compatible/presets.js";
import { splitBaseUrl, withQuery } from "./split-base-url.js";

/** A provider entry that cannot be built; the message names the config field. */
export class ProviderConfigError extends Error {}

export const PROVIDER_TYPES = ["openai", "azure", "openai-compatible", ...Object.keys(OPENAI_COMPATIBLE_PRESETS)];

/** Builds the adapter for one configured provider. */
export function createProvider(name: string, config: ProviderConfig): ProviderAdapter {
  const field = (key: string) => `providers.${name}.${key}`;
  if (config.type === "azure") {
    if (!config.baseUrl)
      throw new ProviderConfigError(`${field("baseUrl")}: required for Azure (https://<resource>.openai.azure.com)`);
    if (!config.apiKey) throw new ProviderConfigError(`${field("apiKey")}: required for Azure`);
    const base = splitBaseUrl(config.baseUrl);
    const endpoints = azureEndpoints(base.basePath, config, config.apiKey);
    return new OpenAIAdapter({
      name,
      type: config.type,
      models: config.models,
      client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
      endpoints,
      wire: { streamUsageOption: true, maxTokensField: "max_completion_tokens", developerAsSystem: false },
    });
  }
  const preset = findPreset(config.type);
  if (config.type !== "openai" && config.type !== "openai-compatible" && !preset) {
    throw new ProviderConfigError(
      `${field("type")}: unknown provider type "${config.type}" (known: ${PROVIDER_TYPES.join(", ")})`,
    );
  }
  const baseUrl = config.baseUrl ?? (config.type === "openai" ? "https://api.openai.com/v1" : preset?.baseUrl);
  if (!baseUrl) throw new ProviderConfigError(`${field("baseUrl")}: required for type openai-compatible`);
  const keyRequired = config.type === "openai" || preset?.requiresKey === true;
  if (keyRequired && !config.apiKey) {
    throw new ProviderConfigError(`${field("apiKey")}: required for type ${config.type}`);
  }
  const base = splitBaseUrl(baseUrl);
  const headers: Record<string, string> = { ...config.headers };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const isOpenAI = config.type === "openai";
  return new OpenAIAdapter({
    name,
    type: config.type,
    models: config.models,
    client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
    endpoints: {
      chatPath: () => withQuery(`${base.basePath}/chat/completions`, config.query),
      embeddingsPath: () => withQuery(`${base.basePath}/embeddings`, config.query),
      headers,
    },
    wire: {
      streamUsageOption: preset ? preset.streamUsageOption : true,
      unsupportedFields: preset?.unsupportedFields,
      maxTokensField: isOpenAI ? "max_completion_tokens" : "max_tokens",
      developerAsSystem: !isOpenAI,
    },
  });
}
