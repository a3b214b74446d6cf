import { createAnthropicProvider } from "./anthropic/create-anthropic-provider.js";
import { createAzureProvider } from "./azure/create-azure-provider.js";
import { createBedrockProvider } from "./bedrock/create-bedrock-provider.js";
import { createCohereProvider } from "./cohere/create-cohere-provider.js";
import { createGeminiProvider } from "./gemini/create-gemini-provider.js";
import { createOllamaProvider } from "./ollama/create-ollama-provider.js";
import { createOpenAIProvider } from "./openai/create-openai-provider.js";
import { OPENAI_COMPATIBLE_PRESETS } from "./openai-compatible/presets.js";
import type { ProviderFactory } from "./provider-factory.js";

/** Provider types by the `type:` a config gives; the directory listing under providers/ is the support matrix. */
export const PROVIDER_FACTORIES: Readonly<Record<string, ProviderFactory>> = {
  openai: createOpenAIProvider,
  "openai-compatible": createOpenAIProvider,
  ...Object.fromEntries(Object.keys(OPENAI_COMPATIBLE_PRESETS).map((preset) => [preset, createOpenAIProvider])),
  azure: createAzureProvider,
  gemini: createGeminiProvider,
  anthropic: createAnthropicProvider,
  cohere: createCohereProvider,
  ollama: createOllamaProvider,
  bedrock: createBedrockProvider,
};
