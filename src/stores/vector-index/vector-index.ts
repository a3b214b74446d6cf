/** An entry found by a search: its id and its cosine similarity to the query (1 = same direction). */
export interface VectorMatch {
  id: bigint;
  similarity: number;
}

/**
 * A set of unit vectors of one length, searchable by cosine similarity. A query of another
 * length finds nothing: vectors of different embedding models are never compared.
 */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  /** Adds or replaces the vector under this id; throws when its length is not `dimensions`. */
  add(id: bigint, vector: Float32Array): void;
  remove(id: bigint): void;
  /** The closest entry, or undefined when there is none (the semantic cache's and a guard's question). */
  nearest(query: Float32Array): VectorMatch | undefined;
  /** The `count` closest entries among those `accept` lets through (all without it), closest first (retrieval's question). */
  search(query: Float32Array, count: number, accept?: (id: bigint) => boolean): VectorMatch[];
}

/** Scales a vector to unit length (a copy), so a dot product is the cosine similarity. */
export function normalizeVector(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum) || 1;
  for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] ?? 0) / norm;
  return vector;
}

export function checkDimensions(index: VectorIndex, vector: Float32Array): void {
  if (vector.length !== index.dimensions) {
    throw new Error(`a vector of ${vector.length} dimensions cannot join an index of ${index.dimensions}`);
  }
}
