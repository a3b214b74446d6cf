import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";

/** `type: ollama` — Ollama's native API; only the shared fields. */
export const ollamaConfigSchema = providerBaseSchema.extend({ type: z.literal("ollama") }).strict();

export type OllamaConfig = z.infer<typeof ollamaConfigSchema>;
