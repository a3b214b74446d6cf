import type { Redis } from "ioredis";

/**
 * The shared Redis connection of a process (counters, caches, change streams), or undefined
 * when `redis.url` is not configured and everything stays in process.
 */
export async function openRedis(url: string | undefined): Promise<Redis | undefined> {
  if (!url) return undefined;
  // Loaded only when configured, like pg: a single-machine gateway never pays for it.
  const { Redis: RedisClient } = await import("ioredis");
  const redis = new RedisClient(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true });
  await redis.connect();
  return redis;
}
