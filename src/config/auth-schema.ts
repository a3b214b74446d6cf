import { z } from "zod";

/** One model's prices in USD per million tokens. */
export const modelPriceSchema = z
  .object({
    inputPerMillion: z.number().min(0),
    outputPerMillion: z.number().min(0),
    /** Cached input tokens; defaults to the input price when absent. */
    cachedInputPerMillion: z.number().min(0).optional(),
  })
  .strict();

const authObjectSchema = z
  .object({
    /**
     * `optional` (default): requests without a key are served, as a single-user local setup
     * expects; a key that is sent must still be valid. `required`: every data-plane request
     * needs a gateway key.
     */
    mode: z.enum(["required", "optional"]).default("optional"),
    /** ms a verified key stays cached in memory; revocations reach other instances through Redis at once. */
    keyCacheTtlMs: z.number().int().min(0).default(5_000),
    /** Prefix of every Redis counter key, so several gateways can share one Redis. */
    counterPrefix: z.string().min(1).default("switchyard:"),
    /** Output tokens reserved for admission when the request names no maximum. */
    defaultMaxOutputTokens: z.number().int().positive().default(1_024),
    /**
     * End a stream with an error event once its running cost passes what its budget had left.
     * Streams of every request are then decoded and re-encoded (no byte forwarding).
     */
    stopStreamsOverBudget: z.boolean().default(false),
    /** POST a JSON alert to `webhookUrl` once per budget and period when its use reaches `threshold` (a share). */
    budgetAlert: z
      .object({ webhookUrl: z.url(), threshold: z.number().gt(0).max(1).default(0.8) })
      .strict()
      .optional(),
    /** Price overrides by provider type (or provider name), then model: USD per million tokens. */
    prices: z.record(z.string(), z.record(z.string(), modelPriceSchema)).default({}),
  })
  .strict();

/** `auth: required` is short for `auth: { mode: required }`. */
export const authSchema = z
  .union([z.enum(["required", "optional"]).transform((mode) => ({ mode })), z.record(z.string(), z.unknown())])
  .pipe(authObjectSchema)
  .prefault({});

export type AuthConfig = z.infer<typeof authObjectSchema>;
export type ModelPrice = z.infer<typeof modelPriceSchema>;
