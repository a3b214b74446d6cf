import { ScopedVectorIndex } from "../vector-index/scoped-vector-index.js";
import type { PurgeSelector } from "./cache-store.js";
import type { IndexedSemanticEntry, SemanticEntry, SemanticMatch, SemanticStore } from "./semantic-store.js";

/**
 * Semantic entries in process: a scoped vector index plus the answers, bounded by entries
 * (oldest first out) and by TTL (an expired entry found by a search is dropped as a miss).
 */
export class MemorySemanticStore implements SemanticStore {
  private readonly entries = new Map<bigint, IndexedSemanticEntry>();
  private readonly index: ScopedVectorIndex;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
    flatLimit?: number,
  ) {
    this.index = new ScopedVectorIndex(flatLimit);
  }

  get size(): number {
    return this.entries.size;
  }

  nearest(indexNamespace: string, vector: Float32Array): SemanticMatch | undefined {
    const match = this.index.nearest(indexNamespace, vector);
    if (!match) return undefined;
    const entry = this.entries.get(match.id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(entry.id);
      return undefined;
    }
    return { entry, similarity: match.similarity };
  }

  async add(entry: SemanticEntry): Promise<void> {
    this.insert(entry);
  }

  /** Adds without any I/O (also used by the Redis store to apply changes read from the stream). */
  insert(entry: SemanticEntry): void {
    if (entry.expiresAt <= this.now()) return;
    this.remove(entry.id);
    const { vector, ...indexed } = entry;
    // The index keeps the vector; a second copy here would double the memory per entry.
    this.entries.set(entry.id, indexed);
    this.index.add(entry.indexNamespace, entry.id, vector);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.remove(oldest);
    }
  }

  /** Adds many entries at once, the vectors of each namespace in one index call (loading at start). */
  insertMany(entries: readonly SemanticEntry[]): void {
    const now = this.now();
    const byNamespace = new Map<string, { ids: bigint[]; vectors: Float32Array[] }>();
    for (const entry of entries) {
      if (entry.expiresAt <= now) continue;
      this.remove(entry.id);
      const { vector, ...indexed } = entry;
      this.entries.set(entry.id, indexed);
      const group = byNamespace.get(entry.indexNamespace) ?? { ids: [], vectors: [] };
      group.ids.push(entry.id);
      group.vectors.push(vector);
      byNamespace.set(entry.indexNamespace, group);
    }
    for (const [namespace, group] of byNamespace) this.index.addMany(namespace, group.ids, group.vectors);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.remove(oldest);
    }
  }

  async purge(selector: PurgeSelector): Promise<number> {
    return this.purgeLocal(selector);
  }

  purgeLocal(selector: PurgeSelector): number {
    let removed = 0;
    for (const entry of [...this.entries.values()]) {
      if (selector.namespace !== undefined && entry.cacheNamespace !== selector.namespace) continue;
      if (selector.key !== undefined && entry.id.toString() !== selector.key) continue;
      this.remove(entry.id);
      removed++;
    }
    return removed;
  }

  remove(id: bigint): void {
    if (!this.entries.delete(id)) return;
    this.index.remove(id);
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.index.clear();
  }
}
