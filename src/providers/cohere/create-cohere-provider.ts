import { UpstreamClient } from "../../outbound/upstream-client.js";
import { ProviderConfigError } from "../provider-config-error.js";
import type { ProviderFactory } from "../provider-factory.js";
import { splitBaseUrl, withQuery } from "../split-base-url.js";
import { CohereAdapter } from "./adapter.js";
import type { CohereConfig } from "./config.js";

/** `type: cohere` — Cohere's native v2 API; the key is required. */
export const createCohereProvider: ProviderFactory<CohereConfig> = (name, config) => {
  if (!config.apiKey) throw new ProviderConfigError(name, "apiKey", "required for type cohere");
  const base = splitBaseUrl(config.baseUrl ?? "https://api.cohere.com");
  // "/v2" is added here; a baseUrl written with /v2 still works.
  const basePath = base.basePath.replace(/\/v2$/, "");
  return new CohereAdapter({
    name,
    models: config.models,
    client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
    paths: {
      chat: withQuery(`${basePath}/v2/chat`, config.query),
      embed: withQuery(`${basePath}/v2/embed`, config.query),
    },
    headers: { ...config.headers, authorization: `Bearer ${config.apiKey}` },
  });
};
