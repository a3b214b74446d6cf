import { checkDimensions, type VectorIndex, type VectorMatch } from "./vector-index.js";

/** A scan over every vector: exact, and faster than a graph index for a few thousand entries. */
export class FlatVectorIndex implements VectorIndex {
  private readonly vectors = new Map<bigint, Float32Array>();

  constructor(readonly dimensions: number) {}

  get size(): number {
    return this.vectors.size;
  }

  vector(id: bigint): Float32Array | undefined {
    return this.vectors.get(id);
  }

  entries(): IterableIterator<[bigint, Float32Array]> {
    return this.vectors.entries();
  }

  add(id: bigint, vector: Float32Array): void {
    checkDimensions(this, vector);
    this.vectors.set(id, vector);
  }

  remove(id: bigint): void {
    this.vectors.delete(id);
  }

  nearest(query: Float32Array): VectorMatch | undefined {
    if (query.length !== this.dimensions) return undefined;
    let best: VectorMatch | undefined;
    for (const [id, vector] of this.vectors) {
      const similarity = dot(query, vector);
      if (!best || similarity > best.similarity) best = { id, similarity };
    }
    return best;
  }

  /** One pass, keeping the best `count` in a small sorted list (no full sort). */
  search(query: Float32Array, count: number, accept?: (id: bigint) => boolean): VectorMatch[] {
    if (query.length !== this.dimensions) return [];
    const best: VectorMatch[] = [];
    let floor = Number.NEGATIVE_INFINITY;
    for (const [id, vector] of this.vectors) {
      const similarity = dot(query, vector);
      if (best.length >= count && similarity <= floor) continue;
      if (accept && !accept(id)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as VectorMatch).similarity < similarity) at--;
      best.splice(at, 0, { id, similarity });
      if (best.length > count) best.pop();
      if (best.length >= count) floor = (best[best.length - 1] as VectorMatch).similarity;
    }
    return best;
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += (a[index] as number) * (b[index] as number);
  return sum;
}
