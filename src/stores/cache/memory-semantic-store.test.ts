import { describe, expect, it } from "vitest";
import { normalizeVector } from "../vector-index/vector-index.js";
import { MemorySemanticStore } from "./memory-semantic-store.js";
import type { SemanticEntry } from "./semantic-store.js";

function vectorFor(seed: number, dimensions = 16): Float32Array {
  let state = seed;
  return normalizeVector(
    Array.from({ length: dimensions }, () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31 - 0.5;
    }),
  );
}

const entry = (id: number, overrides: Partial<SemanticEntry> = {}): SemanticEntry => ({
  id: BigInt(id),
  cacheNamespace: "anonymous",
  indexNamespace: "embedder\nanonymous\nscope",
  vector: vectorFor(id + 1),
  value: `answer ${id}`,
  expiresAt: Date.now() + 60_000,
  ...overrides,
});

describe("MemorySemanticStore", () => {
  it("finds the nearest entry in its namespace only", async () => {
    const store = new MemorySemanticStore(100);
    await store.add(entry(1));
    await store.add(entry(2, { indexNamespace: "embedder\nanonymous\nother-scope" }));
    expect(store.nearest("embedder\nanonymous\nscope", vectorFor(2))?.entry.value).toBe("answer 1");
    expect(store.nearest("embedder\nanonymous\nother-scope", vectorFor(3))?.similarity).toBeCloseTo(1, 5);
    expect(store.nearest("another-embedder\nanonymous\nscope", vectorFor(2))).toBeUndefined();
  });

  it("drops an expired entry when a search finds it, and the oldest beyond max entries", async () => {
    let now = 1_000;
    const store = new MemorySemanticStore(2, () => now);
    await store.add(entry(1, { expiresAt: 2_000 }));
    now = 2_500;
    expect(store.nearest("embedder\nanonymous\nscope", vectorFor(2))).toBeUndefined();
    expect(store.size).toBe(0);
    for (const id of [10, 11, 12]) await store.add(entry(id, { expiresAt: 10_000 }));
    expect(store.size).toBe(2);
    expect(store.nearest("embedder\nanonymous\nscope", vectorFor(11))?.entry.id).not.toBe(10n);
  });

  it("loads many entries at once, growing a namespace into a graph, with the same answers", () => {
    const store = new MemorySemanticStore(10_000, Date.now, 64);
    store.insertMany(Array.from({ length: 500 }, (_, id) => entry(id)));
    expect(store.size).toBe(500);
    for (const id of [0, 250, 499]) {
      expect(store.nearest("embedder\nanonymous\nscope", vectorFor(id + 1))?.entry.value).toBe(`answer ${id}`);
    }
  });

  it("purges by namespace and by entry id", async () => {
    const store = new MemorySemanticStore(100);
    await store.add(entry(1));
    await store.add(entry(2, { cacheNamespace: "key:k" }));
    await store.add(entry(3, { cacheNamespace: "key:k" }));
    expect(await store.purge({ key: "1" })).toBe(1);
    expect(await store.purge({ namespace: "key:k" })).toBe(2);
    expect(store.size).toBe(0);
  });
});
