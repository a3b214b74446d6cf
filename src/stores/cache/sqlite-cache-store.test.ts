import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runMigrations } from "../run-migrations.js";
import { openSqliteStorage } from "../sqlite-storage.js";
import { cacheMigrations } from "./cache-migrations.js";
import { SqliteCacheStore } from "./sqlite-cache-store.js";

async function open(path: string, limits = { maxEntries: 100, maxBytes: 1e6 }, now = Date.now) {
  const storage = openSqliteStorage(`sqlite://${path}`, "/");
  await runMigrations(storage, "cache", cacheMigrations);
  return { storage, store: new SqliteCacheStore(storage.database, limits, now) };
}

describe("SqliteCacheStore", () => {
  it("keeps entries across a reopen of the file", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "cache-sqlite-")), "cache.db");
    const first = await open(path);
    await first.store.set("ns", "k", '{"v":1}', 60);
    await first.store.close();
    await first.storage.close();
    const second = await open(path);
    expect(await second.store.get("ns", "k")).toBe('{"v":1}');
    await second.store.close();
    await second.storage.close();
  });

  it("hides expired entries and evicts the least recently used beyond the limit", async () => {
    let now = 1_000_000;
    const { storage, store } = await open(":memory:", { maxEntries: 2, maxBytes: 1e6 }, () => now);
    await store.set("ns", "short", "1", 1);
    now += 1_500;
    expect(await store.get("ns", "short")).toBeUndefined();
    await store.set("ns", "a", "1", 60);
    now += 1;
    await store.set("ns", "b", "2", 60);
    now += 1;
    await store.get("ns", "a");
    store.maintain();
    now += 1;
    await store.set("ns", "c", "3", 60);
    store.maintain();
    expect(await store.get("ns", "b")).toBeUndefined();
    expect(await store.get("ns", "a")).toBe("1");
    expect(await store.get("ns", "c")).toBe("3");
    expect(await store.purge({ namespace: "ns" })).toBe(2);
    await store.close();
    await storage.close();
  });
});
