import { describe, expect, it } from "vitest";
import { type GrowingIndexOptions, GrowingVectorIndex } from "./growing-vector-index.js";
import { FAST_GRAPH, THOROUGH_GRAPH } from "./usearch-vector-index.js";
import { normalizeVector } from "./vector-index.js";

function randomVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  return Array.from({ length: count }, () => normalizeVector(Array.from({ length: dimensions }, next)));
}

const kept = (flatLimit: number): GrowingIndexOptions => ({ flatLimit, graph: THOROUGH_GRAPH, keepVectors: true });
const ids = (matches: ReadonlyArray<{ id: bigint }>) => matches.map((match) => match.id);
const ascending = (list: bigint[]) => list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe("GrowingVectorIndex", () => {
  it("finds nearest vectors by a flat scan, honouring a filter and removals", () => {
    const index = new GrowingVectorIndex(3, kept(2_000));
    index.add(1n, normalizeVector([1, 0, 0]));
    index.add(2n, normalizeVector([0.9, 0.1, 0]));
    index.add(3n, normalizeVector([0, 1, 0]));
    expect(ids(index.search(normalizeVector([1, 0, 0]), 2))).toEqual([1n, 2n]);
    expect(ids(index.search(normalizeVector([1, 0, 0]), 2, (id) => id !== 1n))).toEqual([2n, 3n]);
    expect(index.nearest(normalizeVector([0, 1, 0]))?.id).toBe(3n);
    index.remove(1n);
    expect(index.search(normalizeVector([1, 0, 0]), 1)[0]).toMatchObject({ id: 2n });
    expect(index.search(normalizeVector([1, 0]), 1)).toEqual([]);
    expect(() => index.add(9n, normalizeVector([1, 0]))).toThrow(/2 dimensions/);
  });

  it("gives the same top results from the HNSW graph as from the flat scan above the limit", () => {
    const vectors = randomVectors(600, 16, 7);
    const graph = new GrowingVectorIndex(16, kept(100));
    const flat = new GrowingVectorIndex(16, kept(10_000));
    vectors.forEach((vector, id) => {
      graph.add(BigInt(id), vector);
      flat.add(BigInt(id), vector);
    });
    graph.remove(5n);
    flat.remove(5n);
    let agreements = 0;
    for (const query of randomVectors(20, 16, 99)) {
      const fromGraph = ids(graph.search(query, 5));
      const exact = ids(flat.search(query, 5));
      agreements += fromGraph.filter((id) => exact.includes(id)).length;
      expect(fromGraph).not.toContain(5n);
    }
    expect(agreements / 100).toBeGreaterThanOrEqual(0.95);
    const [top] = graph.search(vectors[10] as Float32Array, 1);
    expect(top?.id).toBe(10n);
    expect(top?.similarity).toBeCloseTo(1, 4);
    // Replacing a vector under the same id (a re-ingested chunk) moves it in the graph.
    graph.add(10n, vectors[20] as Float32Array);
    expect(ascending(ids(graph.search(vectors[20] as Float32Array, 2)))).toEqual([10n, 20n]);
    expect(graph.size).toBe(599);
    expect(graph.vector(20n)).toBe(vectors[20]);
  });

  it("falls back to an exact scan when a filter leaves the graph's candidates short", () => {
    const vectors = randomVectors(300, 8, 3);
    const index = new GrowingVectorIndex(8, kept(50));
    vectors.forEach((vector, id) => {
      index.add(BigInt(id), vector);
    });
    const rare = (id: bigint) => id % 100n === 7n;
    expect(ascending(ids(index.search(vectors[0] as Float32Array, 3, rare)))).toEqual([7n, 107n, 207n]);
  });

  it("keeps only the graph when the vectors are not kept, and loads many at once", () => {
    const vectors = randomVectors(120, 8, 11);
    const index = new GrowingVectorIndex(8, { flatLimit: 50, graph: FAST_GRAPH, keepVectors: false });
    index.addMany(
      vectors.map((_, id) => BigInt(id)),
      vectors,
    );
    expect(index.size).toBe(120);
    expect(index.vector(3n)).toBeUndefined();
    expect(index.nearest(vectors[42] as Float32Array)?.id).toBe(42n);
  });
});
