import { OPENAI_COMPATIBLE_PRESETS } from "./openai-compatible/presets.js";
import type { ProviderFactory } from "./provider-factory.js";

/** Imports a provider type's module; a gateway loads only the adapters (and SDKs) its config names. */
export type ProviderFactoryLoader = () => Promise<ProviderFactory>;

const openAI: ProviderFactoryLoader = () =>
  import("./openai/create-openai-provider.js").then((module) => module.createOpenAIProvider);

/** Provider types by the `type:` a config gives; the directory listing under providers/ is the support matrix. */
export const PROVIDER_FACTORIES: Readonly<Record<string, ProviderFactoryLoader>> = {
  openai: openAI,
  "openai-compatible": openAI,
  ...Object.fromEntries(Object.keys(OPENAI_COMPATIBLE_PRESETS).map((preset) => [preset, openAI])),
  azure: () => import("./azure/create-azure-provider.js").then((module) => module.createAzureProvider),
  gemini: () => import("./gemini/create-gemini-provider.js").then((module) => module.createGeminiProvider),
  anthropic: () => import("./anthropic/create-anthropic-provider.js").then((module) => module.createAnthropicProvider),
  cohere: () => import("./cohere/create-cohere-provider.js").then((module) => module.createCohereProvider),
  ollama: () => import("./ollama/create-ollama-provider.js").then((module) => module.createOllamaProvider),
  // Bedrock's SigV4 signer and event-stream codec (@smithy, @aws-crypto) are the heaviest of all.
  bedrock: () => import("./bedrock/create-bedrock-provider.js").then((module) => module.createBedrockProvider),
};
