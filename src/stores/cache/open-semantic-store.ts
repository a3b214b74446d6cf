import type { Redis } from "ioredis";
import { runMigrations } from "../run-migrations.js";
import type { Storage } from "../storage.js";
import { cacheMigrations } from "./cache-migrations.js";
import { MemorySemanticStore } from "./memory-semantic-store.js";
import { RedisSemanticStore } from "./redis-semantic-store.js";
import type { SemanticStore } from "./semantic-store.js";
import { SqliteSemanticStore } from "./sqlite-semantic-store.js";

/**
 * auto: Redis (shared entries, synced indexes) when redis.url is configured, else memory;
 * sqlite keeps entries in the SQLite file across restarts on one machine.
 */
export async function openSemanticStore(
  backend: "auto" | "memory" | "sqlite" | "redis",
  options: { maxEntries: number; redisPrefix: string; onError(message: string, error: unknown): void },
  services: { redis?: Redis; storage?: Storage },
): Promise<SemanticStore> {
  const chosen = backend === "auto" ? (services.redis ? "redis" : "memory") : backend;
  if (chosen === "memory") return new MemorySemanticStore(options.maxEntries);
  if (chosen === "sqlite") {
    if (services.storage?.kind !== "sqlite") {
      throw new Error('backend "sqlite" needs a sqlite:// storage URL; with PostgreSQL use backend "redis"');
    }
    await runMigrations(services.storage, "cache", cacheMigrations);
    return SqliteSemanticStore.open(services.storage.database, options.maxEntries);
  }
  if (!services.redis) throw new Error('backend "redis" needs redis.url in the config');
  return RedisSemanticStore.open(services.redis, {
    prefix: options.redisPrefix,
    maxEntries: options.maxEntries,
    onError: options.onError,
  });
}
