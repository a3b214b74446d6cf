/**
 * Reciprocal-rank fusion: each list contributes 1 / (k + rank) for an item, so items found by
 * both keyword and vector search rise without comparing their incomparable scores. k = 60 is
 * the constant of Cormack et al. (2009).
 */
export function reciprocalRankFusion<Key>(rankings: ReadonlyArray<readonly Key[]>, k = 60): Map<Key, number> {
  const fused = new Map<Key, number>();
  for (const ranking of rankings) {
    ranking.forEach((key, rank) => {
      fused.set(key, (fused.get(key) ?? 0) + 1 / (k + rank + 1));
    });
  }
  return new Map([...fused.entries()].sort((a, b) => b[1] - a[1]));
}
