import { UpstreamClient } from "../../outbound/upstream-client.js";
import type { ProviderFactory } from "../provider-factory.js";
import { splitBaseUrl, withQuery } from "../split-base-url.js";
import { OllamaAdapter } from "./adapter.js";
import type { OllamaConfig } from "./config.js";

/** `type: ollama` — Ollama's native API; a local Ollama needs no key (the preset "ollama-openai" is its /v1 API). */
export const createOllamaProvider: ProviderFactory<OllamaConfig> = (name, config) => {
  const base = splitBaseUrl(config.baseUrl ?? "http://127.0.0.1:11434");
  // "/api" is added here; a baseUrl written with /api still works.
  const basePath = base.basePath.replace(/\/api$/, "");
  const headers: Record<string, string> = { ...config.headers };
  // A bearer key only when one is configured (Ollama Cloud, or a proxy).
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  return new OllamaAdapter({
    name,
    models: config.models,
    client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
    paths: {
      chat: withQuery(`${basePath}/api/chat`, config.query),
      embed: withQuery(`${basePath}/api/embed`, config.query),
    },
    headers,
  });
};
