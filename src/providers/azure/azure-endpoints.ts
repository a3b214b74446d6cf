import type { OpenAIEndpoints } from "../openai/adapter.js";
import { withQuery } from "../split-base-url.js";
import type { AzureConfig } from "./config.js";

const DEFAULT_API_VERSION = "2024-10-21";

/**
 * Azure OpenAI speaks OpenAI's wire format at other URLs: classic deployment URLs with a
 * required api-version, or the newer /openai/v1 API where the body's model is the deployment.
 * The key goes in the api-key header.
 */
export function azureEndpoints(basePath: string, config: AzureConfig, apiKey: string): OpenAIEndpoints {
  const headers = { ...config.headers, "api-key": apiKey };
  const deployment = (model: string) => config.deployments[model] ?? model;
  if (basePath.endsWith("/openai/v1")) {
    return {
      chatPath: () => withQuery(`${basePath}/chat/completions`, config.query),
      embeddingsPath: () => withQuery(`${basePath}/embeddings`, config.query),
      bodyModel: deployment,
      headers,
    };
  }
  const query = { "api-version": config.apiVersion ?? DEFAULT_API_VERSION, ...config.query };
  const deploymentPath = (model: string, operation: string) =>
    withQuery(`${basePath}/openai/deployments/${encodeURIComponent(deployment(model))}/${operation}`, query);
  return {
    chatPath: (model) => deploymentPath(model, "chat/completions"),
    embeddingsPath: (model) => deploymentPath(model, "embeddings"),
    headers,
  };
}
