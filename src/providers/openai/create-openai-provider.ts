import { UpstreamClient } from "../../outbound/upstream-client.js";
import type { OpenAICompatibleConfig, OpenAIPresetConfig } from "../openai-compatible/config.js";
import { findPreset } from "../openai-compatible/presets.js";
import { ProviderConfigError } from "../provider-config-error.js";
import type { ProviderFactory } from "../provider-factory.js";
import { splitBaseUrl, withQuery } from "../split-base-url.js";
import { OpenAIAdapter } from "./adapter.js";
import type { OpenAIConfig } from "./config.js";

/** OpenAI itself, `openai-compatible` with a baseUrl, and every preset vendor. */
export const createOpenAIProvider: ProviderFactory<OpenAIConfig | OpenAICompatibleConfig | OpenAIPresetConfig> = (
  name,
  config,
) => {
  const preset = findPreset(config.type);
  const baseUrl = config.baseUrl ?? (config.type === "openai" ? "https://api.openai.com/v1" : preset?.baseUrl);
  if (!baseUrl) throw new ProviderConfigError(name, "baseUrl", "required for type openai-compatible");
  const keyRequired = config.type === "openai" || preset?.requiresKey === true;
  if (keyRequired && !config.apiKey) throw new ProviderConfigError(name, "apiKey", `required for type ${config.type}`);
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
};
