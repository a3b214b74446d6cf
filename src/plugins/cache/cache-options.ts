import { z } from "zod";
import { parseByteSize } from "../../config/parse-byte-size.js";
import { cachePolicySchema } from "./cache-policy.js";
import { parseJsonPath } from "./select-json-path.js";

const byteSize = z
  .union([
    z.number().int().positive(),
    z.string().regex(/^\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?$/i, "a size like 64mb"),
  ])
  .transform((size) => parseByteSize(size));

const selector = z.string().superRefine((path, context) => {
  try {
    parseJsonPath(path);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
  }
});

/** Options shared by the exact and the semantic cache. */
export const sharedCacheOptions = {
  /** Seconds an entry lives. */
  ttl: z.number().positive().default(3600),
  /** auto: Redis when redis.url is configured, else memory. */
  backend: z.enum(["auto", "memory", "sqlite", "redis"]).default("auto"),
  maxEntries: z.number().int().positive().default(10_000),
  maxBytes: byteSize.default(256 * 1024 * 1024),
  /** Who shares entries: each gateway key, each project, or everyone. */
  namespace: z.enum(["key", "project", "shared"]).default("key"),
  policy: cachePolicySchema,
  /** Redis key prefix, so several gateways (or test runs) can share one Redis. */
  redisPrefix: z.string().min(1).default("switchyard:cache:"),
};

export const cacheOptionsSchema = z
  .object({
    ...sharedCacheOptions,
    /** JSONPath-style selectors over the canonical request; default: the whole request. */
    key: z.array(selector).min(1).optional(),
    /** Identical requests in flight wait for the first one's answer. */
    coalesce: z.boolean().default(true),
    /** How long a waiting request waits before it goes upstream itself. */
    coalesceTimeoutMs: z.number().int().positive().default(60_000),
    /** Cache embeddings too. */
    embeddings: z.boolean().default(true),
  })
  .strict();

export type CacheOptions = z.infer<typeof cacheOptionsSchema>;
