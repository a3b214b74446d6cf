import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";

/** `type: openai` — OpenAI itself; only the shared fields. */
export const openAIConfigSchema = providerBaseSchema.extend({ type: z.literal("openai") }).strict();

export type OpenAIConfig = z.infer<typeof openAIConfigSchema>;
