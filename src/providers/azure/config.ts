import { z } from "zod";
import { providerBaseSchema } from "../../config/provider-base-schema.js";

/** `type: azure` — Azure OpenAI; baseUrl and apiKey are required when the provider is built. */
export const azureConfigSchema = providerBaseSchema
  .extend({
    type: z.literal("azure"),
    /** The api-version query parameter of classic deployment URLs. */
    apiVersion: z.string().optional(),
    /** Model name → deployment name; a model without an entry is used as the deployment name. */
    deployments: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type AzureConfig = z.infer<typeof azureConfigSchema>;
