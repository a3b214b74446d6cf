import { UpstreamClient } from "../../outbound/upstream-client.js";
import { ProviderConfigError } from "../provider-config-error.js";
import type { ProviderFactory } from "../provider-factory.js";
import { splitBaseUrl } from "../split-base-url.js";
import { GeminiAdapter } from "./adapter.js";
import type { GeminiConfig } from "./config.js";

/** The SDKs' base URL; the adapter adds the API version and `/models/{model}:method`. */
export const GEMINI_DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
const DEFAULT_API_VERSION = "v1beta";

/** Google AI Studio's Gemini API, keyed by an API key sent as x-goog-api-key. */
export const createGeminiProvider: ProviderFactory<GeminiConfig> = (name, config) => {
  if (!config.apiKey) throw new ProviderConfigError(name, "apiKey", "required for type gemini");
  const base = splitBaseUrl(config.baseUrl ?? GEMINI_DEFAULT_BASE_URL);
  // A baseUrl that already names a version (…/v1beta, …/v1) is used as it is.
  const versionPath = /\/v\d+(alpha|beta)?\d*$/.test(base.basePath)
    ? base.basePath
    : `${base.basePath}/${DEFAULT_API_VERSION}`;
  return new GeminiAdapter({
    name,
    type: config.type,
    models: config.models,
    client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
    versionPath,
    query: config.query,
    headers: { ...config.headers, "x-goog-api-key": config.apiKey },
  });
};
