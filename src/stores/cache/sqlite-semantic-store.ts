import type { Database } from "better-sqlite3";
import type { PurgeSelector } from "./cache-store.js";
import { MemorySemanticStore } from "./memory-semantic-store.js";
import type { SemanticEntry, SemanticMatch, SemanticStore } from "./semantic-store.js";

interface SemanticRow {
  id: string;
  cache_namespace: string;
  index_namespace: string;
  vector: Buffer;
  value: string;
  expires_at: number;
}

/**
 * Semantic entries that survive a restart on one machine: searched in the in-process index,
 * written through to the SQLite file, and loaded back into the index at start.
 */
export class SqliteSemanticStore implements SemanticStore {
  private readonly memory: MemorySemanticStore;
  private readonly insert;
  private readonly trim;

  private constructor(
    private readonly database: Database,
    private readonly maxEntries: number,
    now: () => number,
  ) {
    this.memory = new MemorySemanticStore(maxEntries, now);
    this.insert = database.prepare(
      "INSERT OR REPLACE INTO switchyard_semantic_entries (id, cache_namespace, index_namespace, vector, value, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    // Oldest rows first out, the same order the in-process store evicts in.
    this.trim = database.prepare(
      "DELETE FROM switchyard_semantic_entries WHERE rowid IN (SELECT rowid FROM switchyard_semantic_entries ORDER BY rowid DESC LIMIT -1 OFFSET ?)",
    );
  }

  /** Opens the store and loads every entry that has not expired (the table must exist). */
  static open(database: Database, maxEntries: number, now: () => number = Date.now): SqliteSemanticStore {
    const store = new SqliteSemanticStore(database, maxEntries, now);
    database.prepare("DELETE FROM switchyard_semantic_entries WHERE expires_at <= ?").run(now());
    const rows = database.prepare("SELECT * FROM switchyard_semantic_entries ORDER BY rowid").all() as SemanticRow[];
    store.memory.insertMany(rows.map(fromRow));
    return store;
  }

  nearest(indexNamespace: string, vector: Float32Array): SemanticMatch | undefined {
    return this.memory.nearest(indexNamespace, vector);
  }

  async add(entry: SemanticEntry): Promise<void> {
    this.memory.insert(entry);
    const vector = Buffer.from(entry.vector.buffer, entry.vector.byteOffset, entry.vector.byteLength);
    this.insert.run(
      entry.id.toString(),
      entry.cacheNamespace,
      entry.indexNamespace,
      vector,
      entry.value,
      entry.expiresAt,
    );
    this.trim.run(this.maxEntries);
  }

  async purge(selector: PurgeSelector): Promise<number> {
    const removed = this.memory.purgeLocal(selector);
    const conditions: string[] = [];
    const values: string[] = [];
    if (selector.namespace !== undefined) {
      conditions.push("cache_namespace = ?");
      values.push(selector.namespace);
    }
    if (selector.key !== undefined) {
      conditions.push("id = ?");
      values.push(selector.key);
    }
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(" AND ")}` : "";
    this.database.prepare(`DELETE FROM switchyard_semantic_entries${where}`).run(...values);
    return removed;
  }

  async close(): Promise<void> {
    await this.memory.close();
  }
}

function fromRow(row: SemanticRow): SemanticEntry {
  // A copy: the index reads vectors by their own buffer, never a slice of a larger one.
  const bytes = new Uint8Array(row.vector);
  return {
    id: BigInt(row.id),
    cacheNamespace: row.cache_namespace,
    indexNamespace: row.index_namespace,
    vector: new Float32Array(bytes.buffer, 0, bytes.byteLength / 4),
    value: row.value,
    expiresAt: row.expires_at,
  };
}
