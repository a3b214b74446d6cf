/** Cosine similarity of two vectors of the same length (0 when either is all zeros). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** The example most similar to `vector`, with its score. */
export function nearest(
  vector: readonly number[],
  examples: ReadonlyArray<{ text: string; vector: readonly number[] }>,
): { text: string; score: number } | undefined {
  let best: { text: string; score: number } | undefined;
  for (const example of examples) {
    const score = cosineSimilarity(vector, example.vector);
    if (!best || score > best.score) best = { text: example.text, score };
  }
  return best;
}
