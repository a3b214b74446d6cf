import { describe, expect, it } from "vitest";
import { MemoryCacheStore } from "./memory-cache-store.js";

describe("MemoryCacheStore", () => {
  it("expires entries after their TTL", async () => {
    let now = 1_000;
    const store = new MemoryCacheStore({ maxEntries: 10, maxBytes: 1e6 }, () => now);
    await store.set("ns", "k", "v", 2);
    expect(await store.get("ns", "k")).toBe("v");
    now += 2_001;
    expect(await store.get("ns", "k")).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it("evicts the least recently used entry beyond max entries", async () => {
    const store = new MemoryCacheStore({ maxEntries: 2, maxBytes: 1e6 });
    await store.set("ns", "a", "1", 60);
    await store.set("ns", "b", "2", 60);
    await store.get("ns", "a");
    await store.set("ns", "c", "3", 60);
    expect(await store.get("ns", "b")).toBeUndefined();
    expect(await store.get("ns", "a")).toBe("1");
    expect(await store.get("ns", "c")).toBe("3");
  });

  it("evicts by bytes and keeps the byte count right", async () => {
    const store = new MemoryCacheStore({ maxEntries: 100, maxBytes: 100 });
    await store.set("ns", "a", "x".repeat(30), 60);
    await store.set("ns", "b", "y".repeat(30), 60);
    expect(await store.get("ns", "a")).toBeUndefined();
    expect(await store.get("ns", "b")).toBe("y".repeat(30));
    expect(store.totalBytes).toBeLessThanOrEqual(100);
    await store.set("ns", "huge", "z".repeat(1000), 60);
    expect(await store.get("ns", "huge")).toBeUndefined();
  });

  it("purges all, by namespace and by key", async () => {
    const store = new MemoryCacheStore({ maxEntries: 10, maxBytes: 1e6 });
    await store.set("one", "a", "1", 60);
    await store.set("one", "b", "2", 60);
    await store.set("two", "a", "3", 60);
    expect(await store.purge({ key: "a" })).toBe(2);
    expect(await store.purge({ namespace: "one" })).toBe(1);
    await store.set("two", "c", "4", 60);
    expect(await store.purge({})).toBe(1);
    expect(store.size).toBe(0);
  });
});
