import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";

/** `type: gemini` — Google AI Studio's Gemini API; only the shared fields. */
export const geminiConfigSchema = providerBaseSchema.extend({ type: z.literal("gemini") }).strict();

export type GeminiConfig = z.infer<typeof geminiConfigSchema>;
