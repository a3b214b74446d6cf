/** Dot product; for unit vectors this is the cosine similarity. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) sum += (a[index] as number) * (b[index] as number);
  return sum;
}

/** A unit-length float32 copy, so cosine similarity is a dot product. */
export function normalize(vector: ArrayLike<number>): Float32Array {
  const result = Float32Array.from(vector);
  let norm = 0;
  for (const value of result) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let index = 0; index < result.length; index++) result[index] = (result[index] as number) / norm;
  return result;
}
