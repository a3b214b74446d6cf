import { z } from "zod";

const duration = z.number().int().positive();

export const timeoutsSchema = z
  .object({
    /** ms to open a TCP/TLS connection. */
    connectMs: duration.default(10_000),
    /** ms until the upstream's response headers arrive. */
    firstByteMs: duration.default(60_000),
    /** ms for the whole upstream request, stream included. */
    totalMs: duration.default(600_000),
    /** ms without a byte while reading the upstream body. */
    idleMs: duration.default(120_000),
  })
  .strict();

/**
 * The fields every provider type takes. Each type's schema (src/providers/<type>/config.ts)
 * extends it with `type` and its own fields, and stays strict, so a field of another type is refused.
 */
export const providerBaseSchema = z
  .object({
    apiKey: z.string().optional(),
    /** Several keys (several accounts) used in turn; instead of apiKey. */
    apiKeys: z.array(z.string().min(1)).min(1).optional(),
    baseUrl: z.url().optional(),
    /** Models listed in GET /v1/models as provider/model. */
    models: z.array(z.string().min(1)).default([]),
    headers: z.record(z.string(), z.string()).default({}),
    query: z.record(z.string(), z.string()).default({}),
    timeouts: timeoutsSchema.prefault({}),
    /** Maximum open connections to this upstream. */
    maxConnections: z.number().int().positive().default(256),
    /** Pass-through: a request's x-upstream-api-key header replaces this provider's key (see docs/keys.md). */
    allowClientKeys: z.boolean().default(false),
  })
  .strict();

export type TimeoutsConfig = z.infer<typeof timeoutsSchema>;
export type ProviderBaseConfig = z.infer<typeof providerBaseSchema>;
