import type { Redis } from "ioredis";
import { runMigrations } from "../run-migrations.js";
import type { Storage } from "../storage.js";
import { cacheMigrations } from "./cache-migrations.js";
import type { CacheLimits, CacheStore } from "./cache-store.js";
import { MemoryCacheStore } from "./memory-cache-store.js";
import { RedisCacheStore } from "./redis-cache-store.js";
import { SqliteCacheStore } from "./sqlite-cache-store.js";

/** auto: Redis when the config has `redis.url`, else memory. */
export type CacheBackend = "auto" | "memory" | "sqlite" | "redis";

export interface CacheStoreServices {
  storage: Storage;
  redis?: Redis;
}

/** Opens the chosen backend; throws a message naming what is missing when it cannot. */
export async function openCacheStore(
  backend: CacheBackend,
  limits: CacheLimits,
  redisPrefix: string,
  services: CacheStoreServices,
): Promise<CacheStore> {
  const chosen = backend === "auto" ? (services.redis ? "redis" : "memory") : backend;
  if (chosen === "memory") return new MemoryCacheStore(limits);
  if (chosen === "redis") {
    if (!services.redis) throw new Error('backend "redis" needs redis.url in the config');
    return new RedisCacheStore(services.redis, redisPrefix);
  }
  if (services.storage.kind !== "sqlite") {
    throw new Error('backend "sqlite" needs a sqlite:// storage URL; with PostgreSQL use backend "redis"');
  }
  await runMigrations(services.storage, "cache", cacheMigrations);
  return new SqliteCacheStore(services.storage.database, limits);
}
