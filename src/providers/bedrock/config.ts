import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";

/**
 * `type: bedrock` — AWS Bedrock Runtime. Region and credentials default to AWS_REGION /
 * AWS_DEFAULT_REGION and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN;
 * apiKey is a Bedrock API key.
 */
export const bedrockConfigSchema = providerBaseSchema
  .extend({
    type: z.literal("bedrock"),
    region: z.string().optional(),
    accessKeyId: z.string().optional(),
    secretAccessKey: z.string().optional(),
    sessionToken: z.string().optional(),
  })
  .strict();

export type BedrockConfig = z.infer<typeof bedrockConfigSchema>;
