import { Redis } from "ioredis";

/**
 * The shared Redis connection of a process (counters, caches, change streams), or undefined
 * when `redis.url` is not configured and everything stays in process.
 */
export async function openRedis(url: string | undefined): Promise<Redis | undefined> {
  if (!url) return undefined;
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true });
  await redis.connect();
  return redis;
}
