import type { Redis } from "ioredis";
import type { CacheStore, PurgeSelector } from "./cache-store.js";

/**
 * Exact-cache entries in Redis, shared by every instance: one string per entry at
 * `<prefix>exact:<namespace>:<key>` with a TTL. Size limits are Redis's own (maxmemory policy).
 */
export class RedisCacheStore implements CacheStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(namespace: string, key: string): Promise<string | undefined> {
    return (await this.redis.get(this.entryKey(namespace, key))) ?? undefined;
  }

  async set(namespace: string, key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.entryKey(namespace, key), value, "PX", Math.max(1, Math.round(ttlSeconds * 1000)));
  }

  async purge(selector: PurgeSelector): Promise<number> {
    const namespace = selector.namespace === undefined ? "*" : escapeGlob(selector.namespace);
    const key = selector.key === undefined ? "*" : escapeGlob(selector.key);
    return deleteMatching(this.redis, `${escapeGlob(this.prefix)}exact:${namespace}:${key}`);
  }

  async close(): Promise<void> {
    // The connection belongs to the process; it is closed at shutdown.
  }

  private entryKey(namespace: string, key: string): string {
    return `${this.prefix}exact:${namespace}:${key}`;
  }
}

/** Deletes every key matching a glob pattern with SCAN (never KEYS, which blocks Redis). */
export async function deleteMatching(redis: Redis, pattern: string): Promise<number> {
  let cursor = "0";
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) removed += await redis.unlink(...keys);
  } while (cursor !== "0");
  return removed;
}

export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}
