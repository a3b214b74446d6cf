import { dot } from "./vector-math.js";

export interface MmrCandidate {
  vector: Float32Array;
  /** Similarity to the query. */
  score: number;
}

/**
 * Picks `count` candidates by maximal marginal relevance: each pick maximises
 * lambda * relevance - (1 - lambda) * its highest similarity to what was already picked,
 * so near-duplicate chunks give way to other relevant ones. Returns indexes in pick order.
 */
export function maximalMarginalRelevance(candidates: readonly MmrCandidate[], count: number, lambda: number): number[] {
  const picked: number[] = [];
  const left = new Set(candidates.keys());
  while (picked.length < count && left.size > 0) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (const index of left) {
      const candidate = candidates[index] as MmrCandidate;
      let redundancy = 0;
      for (const chosen of picked) {
        redundancy = Math.max(redundancy, dot(candidate.vector, (candidates[chosen] as MmrCandidate).vector));
      }
      const value = lambda * candidate.score - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = index;
      }
    }
    picked.push(best);
    left.delete(best);
  }
  return picked;
}
