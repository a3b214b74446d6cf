import { z } from "zod";
import { sharedCacheOptions } from "../cache/cache-options.js";

export const semanticCacheOptionsSchema = z
  .object({
    ...sharedCacheOptions,
    ttl: z.number().positive().default(86_400),
    backend: z.enum(["auto", "memory", "sqlite", "redis"]).default("auto"),
    /** The embedding model: a virtual model or provider/model. */
    embedder: z.string().min(1),
    /** Cosine similarity at or above which a cached answer is served. */
    threshold: z.number().min(0).max(1).default(0.92),
    /** Thresholds by the model the client named, overriding `threshold`. */
    thresholds: z.record(z.string(), z.number().min(0).max(1)).default({}),
    /** Which messages are embedded: among the last N, those with these roles. */
    messages: z
      .object({
        last: z.number().int().positive().default(1),
        roles: z
          .array(z.enum(["system", "developer", "user", "assistant", "tool"]))
          .min(1)
          .default(["user"]),
      })
      .strict()
      .default({ last: 1, roles: ["user"] }),
    mode: z.enum(["read-write", "read-only", "write-only"]).default("read-write"),
    /** The embedding call and lookup together; slower means the request goes on uncached. */
    timeoutMs: z.number().int().positive().default(1_000),
  })
  .omit({ maxBytes: true })
  .strict();

export type SemanticCacheOptions = z.infer<typeof semanticCacheOptionsSchema>;
