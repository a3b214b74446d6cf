import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";
import { OPENAI_COMPATIBLE_PRESETS, type PresetName } from "./presets.js";

/** `type: openai-compatible` — any OpenAI-compatible server at its baseUrl; only the shared fields. */
export const openAICompatibleConfigSchema = providerBaseSchema
  .extend({ type: z.literal("openai-compatible") })
  .strict();

const presetNames = Object.keys(OPENAI_COMPATIBLE_PRESETS) as [PresetName, ...PresetName[]];

/** `type: <preset>` — a vendor whose base URL and auth are built in; presets have no fields of their own. */
export const openAIPresetConfigSchema = providerBaseSchema.extend({ type: z.literal(presetNames) }).strict();

export type OpenAICompatibleConfig = z.infer<typeof openAICompatibleConfigSchema>;
export type OpenAIPresetConfig = z.infer<typeof openAIPresetConfigSchema>;
