import type { Index } from "usearch";
import { loadUsearch } from "./load-usearch.js";
import type { VectorIndex, VectorMatch } from "./vector-index.js";

/**
 * An HNSW graph (usearch) for large sets. Vectors are kept as 16-bit floats: half the memory and
 * about twice the speed of 32-bit, while similarities stay within ~0.001 (8-bit would blur the
 * scores that the cache's threshold compares).
 */
export class UsearchVectorIndex implements VectorIndex {
  private readonly index: Index;

  constructor(readonly dimensions: number) {
    const { Index, MetricKind, ScalarKind } = loadUsearch();
    this.index = new Index({
      dimensions,
      metric: MetricKind.Cos,
      quantization: ScalarKind.F16,
      connectivity: 16,
      expansion_add: 64,
      // A missed neighbour only costs a hit, never a wrong answer (the threshold still applies
      // to the entry found), so the search trades a little recall for latency.
      expansion_search: 40,
      multi: false,
    });
  }

  get size(): number {
    return this.index.size();
  }

  add(id: bigint, vector: Float32Array): void {
    if (this.index.contains(id)) this.index.remove(id);
    this.index.add(id, vector);
  }

  /** Adds many new vectors in one call, on every core (used when a scan grows into a graph). */
  addMany(ids: bigint[], vectors: Float32Array[]): void {
    if (ids.length === 0) return;
    const matrix = new Float32Array(vectors.length * this.dimensions);
    vectors.forEach((vector, row) => {
      matrix.set(vector, row * this.dimensions);
    });
    this.index.add(BigUint64Array.from(ids), matrix, 0);
  }

  remove(id: bigint): void {
    this.index.remove(id);
  }

  nearest(query: Float32Array): VectorMatch | undefined {
    if (this.index.size() === 0) return undefined;
    const matches = this.index.search(query, 1, 1);
    const id = matches.keys[0];
    const distance = matches.distances[0];
    if (id === undefined || distance === undefined || matches.keys.length === 0) return undefined;
    return { id, similarity: 1 - distance };
  }
}
