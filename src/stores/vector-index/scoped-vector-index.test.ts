import { describe, expect, it } from "vitest";
import { ScopedVectorIndex } from "./scoped-vector-index.js";
import { normalizeVector } from "./vector-index.js";

function randomVector(dimensions: number, seed: number): Float32Array {
  let state = seed;
  const values: number[] = [];
  for (let index = 0; index < dimensions; index++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    values.push(state / 2 ** 31 - 0.5);
  }
  return normalizeVector(values);
}

describe("ScopedVectorIndex", () => {
  it("only searches the namespace it is asked about", () => {
    const index = new ScopedVectorIndex();
    const vector = randomVector(8, 1);
    index.add("embedder-a\nscope", 1n, vector);
    expect(index.nearest("embedder-b\nscope", vector)).toBeUndefined();
    expect(index.nearest("embedder-a\nscope", vector)?.similarity).toBeCloseTo(1, 5);
  });

  it("finds the same nearest neighbours after growing into a usearch graph", () => {
    const index = new ScopedVectorIndex(16);
    for (let id = 0; id < 200; id++) index.add("ns", BigInt(id), randomVector(32, id + 7));
    expect(index.size).toBe(200);
    for (const id of [0, 50, 199]) {
      const match = index.nearest("ns", randomVector(32, id + 7));
      expect(match?.id).toBe(BigInt(id));
      expect(match?.similarity).toBeCloseTo(1, 2);
    }
    // 16-bit storage keeps similarities within a hair of the exact cosine the threshold compares.
    const query = randomVector(32, 1234);
    const nearest = index.nearest("ns", query);
    const stored = randomVector(32, Number(nearest?.id ?? 0n) + 7);
    const exact = query.reduce((sum, value, position) => sum + value * (stored[position] ?? 0), 0);
    expect(Math.abs((nearest?.similarity ?? 0) - exact)).toBeLessThan(0.005);
    index.remove(50n);
    expect(index.nearest("ns", randomVector(32, 57))?.id).not.toBe(50n);
    expect(index.size).toBe(199);
  });
});
