import type { VectorIndex, VectorMatch } from "./vector-index.js";

/** A scan over every vector: exact, and faster than a graph index for a few thousand entries. */
export class FlatVectorIndex implements VectorIndex {
  private readonly vectors = new Map<bigint, Float32Array>();

  get size(): number {
    return this.vectors.size;
  }

  add(id: bigint, vector: Float32Array): void {
    this.vectors.set(id, vector);
  }

  remove(id: bigint): void {
    this.vectors.delete(id);
  }

  nearest(query: Float32Array): VectorMatch | undefined {
    let best: VectorMatch | undefined;
    for (const [id, vector] of this.vectors) {
      if (vector.length !== query.length) continue;
      let dot = 0;
      for (let index = 0; index < query.length; index++) dot += (query[index] ?? 0) * (vector[index] ?? 0);
      if (!best || dot > best.similarity) best = { id, similarity: dot };
    }
    return best;
  }

  entries(): IterableIterator<[bigint, Float32Array]> {
    return this.vectors.entries();
  }
}
