/** One nearest neighbour: the entry's id and its cosine similarity to the query (1 = same direction). */
export interface VectorMatch {
  id: bigint;
  similarity: number;
}

/** A set of unit vectors searchable by cosine similarity. */
export interface VectorIndex {
  readonly size: number;
  add(id: bigint, vector: Float32Array): void;
  remove(id: bigint): void;
  /** The closest entry, or undefined when empty. */
  nearest(vector: Float32Array): VectorMatch | undefined;
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
