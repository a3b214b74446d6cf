import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";

/** `type: anthropic` — Anthropic's Messages API. */
export const anthropicConfigSchema = providerBaseSchema
  .extend({
    type: z.literal("anthropic"),
    /** max_tokens sent when the client gave none (the Messages API requires it). */
    defaultMaxTokens: z.number().int().positive().default(4096),
    /** The anthropic-version header. */
    anthropicVersion: z.string().default("2023-06-01"),
  })
  .strict();

export type AnthropicConfig = z.infer<typeof anthropicConfigSchema>;
