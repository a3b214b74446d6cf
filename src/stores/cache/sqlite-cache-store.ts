import type { Database, Statement } from "better-sqlite3";
import type { CacheLimits, CacheStore, PurgeSelector } from "./cache-store.js";

/** How often recent hits are written back and the size limits enforced. */
const MAINTENANCE_INTERVAL_MS = 1_000;

/**
 * Exact-cache entries in the SQLite file, so they survive a restart. Reads are one indexed
 * lookup; the "last used" time of hits is written back in batches off the request path, and
 * eviction (expired first, then least recently used) runs on the same timer.
 */
export class SqliteCacheStore implements CacheStore {
  private readonly select: Statement<[string, string, number], { value: string }>;
  private readonly upsert: Statement<[string, string, string, number, number, number]>;
  private readonly touch: Statement<[number, string, string]>;
  private readonly recentHits = new Map<string, [string, string]>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    private readonly limits: CacheLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.select = database.prepare(
      "SELECT value FROM switchyard_cache_entries WHERE namespace = ? AND key = ? AND expires_at > ?",
    );
    this.upsert = database.prepare(
      "INSERT OR REPLACE INTO switchyard_cache_entries (namespace, key, value, bytes, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.touch = database.prepare("UPDATE switchyard_cache_entries SET used_at = ? WHERE namespace = ? AND key = ?");
    this.timer = setInterval(() => this.maintain(), MAINTENANCE_INTERVAL_MS);
    this.timer.unref();
  }

  async get(namespace: string, key: string): Promise<string | undefined> {
    const row = this.select.get(namespace, key, this.now());
    if (row) this.recentHits.set(`${namespace}\n${key}`, [namespace, key]);
    return row?.value;
  }

  async set(namespace: string, key: string, value: string, ttlSeconds: number): Promise<void> {
    const now = this.now();
    this.upsert.run(namespace, key, value, Buffer.byteLength(value), now + ttlSeconds * 1000, now);
  }

  async purge(selector: PurgeSelector): Promise<number> {
    const conditions: string[] = [];
    const values: string[] = [];
    if (selector.namespace !== undefined) {
      conditions.push("namespace = ?");
      values.push(selector.namespace);
    }
    if (selector.key !== undefined) {
      conditions.push("key = ?");
      values.push(selector.key);
    }
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(" AND ")}` : "";
    return this.database.prepare(`DELETE FROM switchyard_cache_entries${where}`).run(...values).changes;
  }

  /** Writes back hit times, drops expired entries, then the least recently used beyond the limits. */
  maintain(): void {
    const now = this.now();
    this.database.transaction(() => {
      for (const [namespace, key] of this.recentHits.values()) this.touch.run(now, namespace, key);
      this.recentHits.clear();
      this.database.prepare("DELETE FROM switchyard_cache_entries WHERE expires_at <= ?").run(now);
      const { entries, bytes } = this.database
        .prepare("SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes FROM switchyard_cache_entries")
        .get() as { entries: number; bytes: number };
      if (entries <= this.limits.maxEntries && bytes <= this.limits.maxBytes) return;
      const oldest = this.database
        .prepare("SELECT namespace, key, bytes FROM switchyard_cache_entries ORDER BY used_at ASC")
        .iterate() as IterableIterator<{ namespace: string; key: string; bytes: number }>;
      const remove = this.database.prepare("DELETE FROM switchyard_cache_entries WHERE namespace = ? AND key = ?");
      let remainingEntries = entries;
      let remainingBytes = bytes;
      const doomed: Array<[string, string]> = [];
      for (const row of oldest) {
        if (remainingEntries <= this.limits.maxEntries && remainingBytes <= this.limits.maxBytes) break;
        doomed.push([row.namespace, row.key]);
        remainingEntries--;
        remainingBytes -= row.bytes;
      }
      for (const [namespace, key] of doomed) remove.run(namespace, key);
    })();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.database.open) this.maintain();
  }
}
