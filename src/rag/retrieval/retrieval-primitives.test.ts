import { describe, expect, it } from "vitest";
import { normalizeVector } from "../../stores/vector-index/vector-index.js";
import { maximalMarginalRelevance } from "./maximal-marginal-relevance.js";
import { reciprocalRankFusion } from "./reciprocal-rank-fusion.js";
import { dot } from "./vector-math.js";

describe("reciprocalRankFusion", () => {
  it("ranks items found by both lists above items found by one", () => {
    const fused = reciprocalRankFusion([
      ["a", "b", "c"],
      ["c", "d", "b"],
    ]);
    expect([...fused.keys()]).toEqual(["c", "b", "a", "d"]);
    expect(fused.get("a")).toBeCloseTo(1 / 61);
    expect(fused.get("c")).toBeCloseTo(1 / 63 + 1 / 61);
  });
});

describe("maximalMarginalRelevance", () => {
  const query = normalizeVector([1, 0, 0]);
  const vectors = [normalizeVector([1, 0.1, 0]), normalizeVector([1, 0.11, 0]), normalizeVector([0.7, 0, 0.7])];
  const candidates = vectors.map((vector) => ({ vector, score: dot(query, vector) }));

  it("prefers a diverse second pick over a near-duplicate", () => {
    expect(maximalMarginalRelevance(candidates, 2, 0.5)).toEqual([0, 2]);
  });

  it("is plain relevance order with lambda 1", () => {
    expect(maximalMarginalRelevance(candidates, 3, 1)).toEqual([0, 1, 2]);
  });
});
