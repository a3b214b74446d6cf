/** Which entries a purge removes: all, one namespace, one key (in any namespace), or both. */
export interface PurgeSelector {
  namespace?: string;
  key?: string;
}

/**
 * Where exact-cache entries live: memory (LRU), the SQLite file, or Redis. Values are the
 * serialised answers; keys are hashes made by the cache plugin.
 */
export interface CacheStore {
  get(namespace: string, key: string): Promise<string | undefined>;
  set(namespace: string, key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Returns how many entries were removed. */
  purge(selector: PurgeSelector): Promise<number>;
  close(): Promise<void>;
}

/** Limits of the local stores; Redis relies on TTLs and its own maxmemory policy. */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
}
