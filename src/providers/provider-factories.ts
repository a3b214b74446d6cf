import type { ProviderConfigOf, ProviderType } from "../config/schema.js";
import { OPENAI_COMPATIBLE_PRESETS, type PresetName } from "./openai-compatible/presets.js";
import type { ProviderFactory } from "./provider-factory.js";

/** Imports a provider type's module; a gateway loads only the adapters (and SDKs) its config names. */
export type ProviderFactoryLoader<Type extends ProviderType = ProviderType> = () => Promise<
  ProviderFactory<ProviderConfigOf<Type>>
>;

/** One loader per type, each taking that type's own config. */
export type ProviderFactoryLoaders = { readonly [Type in ProviderType]: ProviderFactoryLoader<Type> };

const openAI = () => import("./openai/create-openai-provider.js").then((module) => module.createOpenAIProvider);

const presets = Object.fromEntries(Object.keys(OPENAI_COMPATIBLE_PRESETS).map((preset) => [preset, openAI])) as {
  readonly [Preset in PresetName]: typeof openAI;
};

/** Provider types by the `type:` a config gives; the directory listing under providers/ is the support matrix. */
export const PROVIDER_FACTORIES: ProviderFactoryLoaders = {
  openai: openAI,
  "openai-compatible": openAI,
  ...presets,
  azure: () => import("./azure/create-azure-provider.js").then((module) => module.createAzureProvider),
  gemini: () => import("./gemini/create-gemini-provider.js").then((module) => module.createGeminiProvider),
  anthropic: () => import("./anthropic/create-anthropic-provider.js").then((module) => module.createAnthropicProvider),
  cohere: () => import("./cohere/create-cohere-provider.js").then((module) => module.createCohereProvider),
  ollama: () => import("./ollama/create-ollama-provider.js").then((module) => module.createOllamaProvider),
  // Bedrock's SigV4 signer and event-stream codec (@smithy, @aws-crypto) are the heaviest of all.
  bedrock: () => import("./bedrock/create-bedrock-provider.js").then((module) => module.createBedrockProvider),
};
