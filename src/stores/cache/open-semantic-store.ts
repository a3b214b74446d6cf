import type { Redis } from "ioredis";
import { MemorySemanticStore } from "./memory-semantic-store.js";
import { RedisSemanticStore } from "./redis-semantic-store.js";
import type { SemanticStore } from "./semantic-store.js";

/** auto: Redis (shared entries, synced indexes) when redis.url is configured, else memory. */
export async function openSemanticStore(
  backend: "auto" | "memory" | "redis",
  options: { maxEntries: number; redisPrefix: string; onError(message: string, error: unknown): void },
  redis: Redis | undefined,
): Promise<SemanticStore> {
  const chosen = backend === "auto" ? (redis ? "redis" : "memory") : backend;
  if (chosen === "memory") return new MemorySemanticStore(options.maxEntries);
  if (!redis) throw new Error('backend "redis" needs redis.url in the config');
  return RedisSemanticStore.open(redis, {
    prefix: options.redisPrefix,
    maxEntries: options.maxEntries,
    onError: options.onError,
  });
}
