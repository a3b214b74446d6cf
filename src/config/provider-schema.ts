import { z } from "zod";
import { anthropicConfigSchema } from "../providers/anthropic/config.js";
import { azureConfigSchema } from "../providers/azure/config.js";
import { bedrockConfigSchema } from "../providers/bedrock/config.js";
import { cohereConfigSchema } from "../providers/cohere/config.js";
import { geminiConfigSchema } from "../providers/gemini/config.js";
import { ollamaConfigSchema } from "../providers/ollama/config.js";
import { openAIConfigSchema } from "../providers/openai/config.js";
import { openAICompatibleConfigSchema, openAIPresetConfigSchema } from "../providers/openai-compatible/config.js";
import { providerBaseSchema } from "./provider-base-schema.js";

// Each provider folder owns its config schema; those modules import only zod, the base schema and their folder's data.
const providerTypeSchemas = [
  openAIConfigSchema,
  openAICompatibleConfigSchema,
  openAIPresetConfigSchema,
  azureConfigSchema,
  anthropicConfigSchema,
  geminiConfigSchema,
  bedrockConfigSchema,
  cohereConfigSchema,
  ollamaConfigSchema,
] as const;

/** Every `type:` a provider entry may give. */
export const PROVIDER_TYPES: readonly ProviderType[] = providerTypeSchemas.flatMap((schema) => [
  ...schema.shape.type.values,
]);

function unknownTypeMessage(entry: unknown): string {
  const type = entry !== null && typeof entry === "object" ? (entry as { type?: unknown }).type : undefined;
  const known = PROVIDER_TYPES.join(", ");
  if (type === undefined) return `required, one of: ${known}`;
  return `unknown provider type ${JSON.stringify(type)} (known: ${known})`;
}

/** One provider entry: the schema of its `type`, so fields of other types are refused. */
export const providerSchema = z.discriminatedUnion("type", providerTypeSchemas, {
  error: (issue) => (issue.code === "invalid_union" ? unknownTypeMessage(issue.input) : undefined),
});

const sharedFields = new Set(Object.keys(providerBaseSchema.shape));

/** The types that take `field` as a field of their own (not a shared one); empty for an unknown field. */
export function providerTypesWithField(field: string): ProviderType[] {
  if (field === "type" || sharedFields.has(field)) return [];
  return providerTypeSchemas
    .filter((schema) => Object.hasOwn(schema.shape, field))
    .flatMap((schema) => [...schema.shape.type.values]);
}

export type ProviderConfig = z.infer<typeof providerSchema>;
export type ProviderType = ProviderConfig["type"];
/** The config of one provider type, for the factory that builds it (a preset name gives the presets' config). */
export type ProviderConfigOf<T extends ProviderType> = ProviderConfig extends infer Config
  ? Config extends ProviderConfig
    ? T extends Config["type"]
      ? Config
      : never
    : never
  : never;
