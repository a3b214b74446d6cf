import { describe, expect, it } from "vitest";
import { normalizeVector } from "../vector-index/vector-index.js";
import { VectorIndex } from "./vector-index.js";

function randomVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31 - 0.5;
  };
  return Array.from({ length: count }, () => normalizeVector(Array.from({ length: dimensions }, next)));
}

describe("VectorIndex", () => {
  it("finds nearest vectors by a flat scan, honouring a filter and removals", () => {
    const index = new VectorIndex(3);
    index.add(1, normalizeVector([1, 0, 0]));
    index.add(2, normalizeVector([0.9, 0.1, 0]));
    index.add(3, normalizeVector([0, 1, 0]));
    expect(index.search(normalizeVector([1, 0, 0]), 2).map((match) => match.id)).toEqual([1, 2]);
    expect(index.search(normalizeVector([1, 0, 0]), 2, (id) => id !== 1).map((match) => match.id)).toEqual([2, 3]);
    index.remove(1);
    expect(index.search(normalizeVector([1, 0, 0]), 1)[0]).toMatchObject({ id: 2 });
    expect(() => index.add(9, normalizeVector([1, 0]))).toThrow(/2 dimensions/);
  });

  it("gives the same top results from the HNSW graph as from the flat scan above the limit", () => {
    const vectors = randomVectors(600, 16, 7);
    const graph = new VectorIndex(16, 100);
    const flat = new VectorIndex(16, 10_000);
    vectors.forEach((vector, id) => {
      graph.add(id, vector);
      flat.add(id, vector);
    });
    graph.remove(5);
    flat.remove(5);
    let agreements = 0;
    for (const query of randomVectors(20, 16, 99)) {
      const fromGraph = graph.search(query, 5).map((match) => match.id);
      const exact = flat.search(query, 5).map((match) => match.id);
      agreements += fromGraph.filter((id) => exact.includes(id)).length;
      expect(fromGraph).not.toContain(5);
    }
    expect(agreements / 100).toBeGreaterThanOrEqual(0.95);
    const [top] = graph.search(vectors[10] as Float32Array, 1);
    expect(top?.id).toBe(10);
    expect(top?.score).toBeCloseTo(1, 4);
    // Replacing a vector under the same id (a re-ingested chunk) moves it in the graph.
    graph.add(10, vectors[20] as Float32Array);
    expect(
      graph
        .search(vectors[20] as Float32Array, 2)
        .map((match) => match.id)
        .sort((x, y) => x - y),
    ).toEqual([10, 20]);
    expect(graph.size).toBe(599);
  });
});
