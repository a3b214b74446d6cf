import { FlatVectorIndex } from "../../../stores/vector-index/flat-vector-index.js";
import { normalizeVector } from "../../../stores/vector-index/vector-index.js";

/**
 * Example prompts by their embeddings, to find the one most like a prompt. A few examples:
 * the exact scan serves. An example whose vector has another length than the first is left out.
 */
export class ExampleIndex {
  private readonly index: FlatVectorIndex | undefined;

  constructor(
    private readonly texts: readonly string[],
    vectors: readonly (readonly number[])[],
  ) {
    const first = vectors[0];
    if (!first) return;
    this.index = new FlatVectorIndex(first.length);
    vectors.forEach((vector, position) => {
      if (vector.length === first.length) this.index?.add(BigInt(position), normalizeVector(vector));
    });
  }

  /** The example most similar to the prompt's vector, with its cosine similarity. */
  nearest(vector: readonly number[]): { text: string; score: number } | undefined {
    const match = this.index?.nearest(normalizeVector(vector));
    const text = match ? this.texts[Number(match.id)] : undefined;
    return match && text !== undefined ? { text, score: match.similarity } : undefined;
  }
}
