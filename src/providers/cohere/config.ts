import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";

/** `type: cohere` — Cohere's native v2 API; only the shared fields. */
export const cohereConfigSchema = providerBaseSchema.extend({ type: z.literal("cohere") }).strict();

export type CohereConfig = z.infer<typeof cohereConfigSchema>;
