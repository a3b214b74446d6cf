import { UpstreamClient } from "../../outbound/upstream-client.js";
import { ProviderConfigError } from "../provider-config-error.js";
import type { ProviderFactory } from "../provider-factory.js";
import { splitBaseUrl, withQuery } from "../split-base-url.js";
import { AnthropicAdapter } from "./adapter.js";
import type { AnthropicConfig } from "./config.js";

/** The SDK convention: the base URL has no /v1; the adapter adds /v1/messages. */
export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";

export const createAnthropicProvider: ProviderFactory<AnthropicConfig> = (name, config) => {
  const configuredAuth = Object.keys(config.headers).some((header) =>
    ["x-api-key", "authorization"].includes(header.toLowerCase()),
  );
  if (!config.apiKey && !configuredAuth) {
    throw new ProviderConfigError(name, "apiKey", "required for type anthropic (or an x-api-key/authorization header)");
  }
  const base = splitBaseUrl(config.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL);
  // "https://api.anthropic.com/v1" is a common slip; both spellings reach the same endpoint.
  const basePath = base.basePath.replace(/\/v1$/, "");
  const headers: Record<string, string> = { "anthropic-version": config.anthropicVersion, ...config.headers };
  if (config.apiKey) headers["x-api-key"] = config.apiKey;
  return new AnthropicAdapter({
    name,
    models: config.models,
    client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
    paths: {
      messages: withQuery(`${basePath}/v1/messages`, config.query),
      countTokens: withQuery(`${basePath}/v1/messages/count_tokens`, config.query),
    },
    headers,
    wire: { defaultMaxTokens: config.defaultMaxTokens },
  });
};
