import { UpstreamClient } from "../../outbound/upstream-client.js";
import { OpenAIAdapter } from "../openai/adapter.js";
import { OPENAI_OWN_WIRE } from "../openai/to-wire.js";
import { ProviderConfigError } from "../provider-config-error.js";
import type { ProviderFactory } from "../provider-factory.js";
import { splitBaseUrl } from "../split-base-url.js";
import { azureEndpoints } from "./azure-endpoints.js";
import type { AzureConfig } from "./config.js";

export const createAzureProvider: ProviderFactory<AzureConfig> = (name, config) => {
  if (!config.baseUrl)
    throw new ProviderConfigError(name, "baseUrl", "required for Azure (https://<resource>.openai.azure.com)");
  if (!config.apiKey) throw new ProviderConfigError(name, "apiKey", "required for Azure");
  const base = splitBaseUrl(config.baseUrl);
  return new OpenAIAdapter({
    name,
    type: config.type,
    models: config.models,
    client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
    endpoints: azureEndpoints(base.basePath, config, config.apiKey),
    wire: OPENAI_OWN_WIRE,
  });
};
