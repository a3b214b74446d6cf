import type { CacheLimits, CacheStore, PurgeSelector } from "./cache-store.js";

interface MemoryEntry {
  namespace: string;
  key: string;
  value: string;
  expiresAt: number;
  bytes: number;
}

/**
 * An in-process LRU: a Map keeps insertion order, and a hit moves its entry to the end, so the
 * first entry is always the least recently used. Bounded by entries and by bytes.
 */
export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, MemoryEntry>();
  private bytes = 0;

  constructor(
    private readonly limits: CacheLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async get(namespace: string, key: string): Promise<string | undefined> {
    const id = entryId(namespace, key);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(id, entry);
    return entry.value;
  }

  async set(namespace: string, key: string, value: string, ttlSeconds: number): Promise<void> {
    const id = entryId(namespace, key);
    const bytes = value.length * 2 + id.length * 2;
    if (bytes > this.limits.maxBytes) return;
    this.remove(id);
    this.entries.set(id, { namespace, key, value, expiresAt: this.now() + ttlSeconds * 1000, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  async purge(selector: PurgeSelector): Promise<number> {
    let removed = 0;
    for (const [id, entry] of this.entries) {
      if (selector.namespace !== undefined && entry.namespace !== selector.namespace) continue;
      if (selector.key !== undefined && entry.key !== selector.key) continue;
      this.remove(id);
      removed++;
    }
    return removed;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.bytes -= entry.bytes;
  }
}

function entryId(namespace: string, key: string): string {
  return `${namespace}\n${key}`;
}
