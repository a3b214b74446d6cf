import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runMigrations } from "../run-migrations.js";
import { cacheMigrations } from "./cache-migrations.js";
import type { SemanticEntry } from "./semantic-store.js";
import { SqliteSemanticStore } from "./sqlite-semantic-store.js";

async function freshDatabase(): Promise<Database.Database> {
  const database = new Database(":memory:");
  await runMigrations(
    { kind: "sqlite", database, ping: async () => {}, close: async () => {} },
    "cache",
    cacheMigrations,
  );
  return database;
}

function entry(id: bigint, vector: number[], overrides: Partial<SemanticEntry> = {}): SemanticEntry {
  return {
    id,
    cacheNamespace: "shared",
    indexNamespace: "embedder|shared|scope",
    vector: new Float32Array(vector),
    value: `answer ${id}`,
    expiresAt: Date.now() + 60_000,
    ...overrides,
  };
}

describe("SqliteSemanticStore", () => {
  it("finds entries again after a restart", async () => {
    const database = await freshDatabase();
    const first = SqliteSemanticStore.open(database, 100);
    await first.add(entry(1n, [1, 0, 0]));
    await first.add(entry(2n, [0, 1, 0]));
    await first.close();

    const reopened = SqliteSemanticStore.open(database, 100);
    const match = reopened.nearest("embedder|shared|scope", new Float32Array([1, 0, 0]));
    expect(match?.entry.value).toBe("answer 1");
    expect(match?.similarity).toBeGreaterThan(0.99);
    expect(reopened.nearest("another|scope", new Float32Array([1, 0, 0]))).toBeUndefined();
  });

  it("drops expired entries at load and keeps at most maxEntries rows, oldest out", async () => {
    const database = await freshDatabase();
    const store = SqliteSemanticStore.open(database, 2);
    await store.add(entry(1n, [1, 0, 0], { expiresAt: Date.now() - 1 }));
    await store.add(entry(2n, [0, 1, 0]));
    await store.add(entry(3n, [0, 0, 1]));
    await store.add(entry(4n, [1, 1, 0]));
    const ids = (
      database.prepare("SELECT id FROM switchyard_semantic_entries ORDER BY rowid").all() as Array<{ id: string }>
    ).map((row) => row.id);
    expect(ids).toEqual(["3", "4"]);
    const reopened = SqliteSemanticStore.open(database, 2);
    expect(reopened.nearest("embedder|shared|scope", new Float32Array([0, 1, 0]))?.entry.value).not.toBe("answer 2");
  });

  it("purges by namespace from the index and the file", async () => {
    const database = await freshDatabase();
    const store = SqliteSemanticStore.open(database, 100);
    await store.add(entry(1n, [1, 0, 0], { cacheNamespace: "key:a" }));
    await store.add(entry(2n, [0, 1, 0], { cacheNamespace: "key:b" }));
    expect(await store.purge({ namespace: "key:a" })).toBe(1);
    expect(database.prepare("SELECT count(*) AS n FROM switchyard_semantic_entries").get()).toEqual({ n: 1 });
    expect(store.nearest("embedder|shared|scope", new Float32Array([1, 0, 0]))?.entry.value).toBe("answer 2");
  });
});
