import type { RequestContextBase } from "../../contract/request-context.js";

export const CACHE_HEADER = "x-switchyard-cache";
export const CACHE_TTL_HEADER = "x-switchyard-cache-ttl";
export const CACHE_KEY_HEADER = "x-switchyard-cache-key";
export const CACHE_SIMILARITY_HEADER = "x-switchyard-cache-similarity";

export type CacheStatus = "hit" | "semantic-hit" | "miss" | "bypass";

/** What a request lets the cache do, from its x-switchyard-cache and -ttl headers. */
export interface CacheControl {
  /** May the answer come from the cache? */
  read: boolean;
  /** May the fresh answer be stored? */
  write: boolean;
  /** Seconds, when the client overrides the configured TTL. */
  ttlSeconds?: number;
}

/**
 * `no-cache`: neither read nor store (bypass). `no-store`: may be answered from the cache but
 * the answer is not stored. `refresh`: skip the lookup and overwrite the entry.
 */
export function readCacheControl(headers: RequestContextBase["headers"]): CacheControl {
  const directive = firstValue(headers[CACHE_HEADER])?.trim().toLowerCase();
  const ttl = Number(firstValue(headers[CACHE_TTL_HEADER]));
  const ttlSeconds = Number.isFinite(ttl) && ttl > 0 ? ttl : undefined;
  switch (directive) {
    case "no-cache":
      return { read: false, write: false, ttlSeconds };
    case "no-store":
      return { read: true, write: false, ttlSeconds };
    case "refresh":
      return { read: false, write: true, ttlSeconds };
    default:
      return { read: true, write: true, ttlSeconds };
  }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Marks the request's cache status in its response headers and log event. */
export function markCacheStatus(context: RequestContextBase, status: CacheStatus, key?: string): void {
  context.responseHeaders[CACHE_HEADER] = status;
  if (key !== undefined) context.responseHeaders[CACHE_KEY_HEADER] = key;
  context.logFields.cacheStatus = status;
}
