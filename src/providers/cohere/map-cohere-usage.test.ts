import { describe, expect, it } from "vitest";
import type { Usage } from "../../contract/usage.js";
import { mapCohereUsage } from "./map-cohere-usage.js";
import type { CohereUsage } from "./wire-types.js";

describe("mapCohereUsage", () => {
  const cases: Array<{ name: string; wire: CohereUsage; expected: Omit<Usage, "raw"> }> = [
    {
      name: "tokens, not the smaller billed units",
      wire: {
        billed_units: { input_tokens: 37, output_tokens: 22 },
        tokens: { input_tokens: 1203, output_tokens: 59 },
      },
      expected: { inputTokens: 1203, outputTokens: 59, totalTokens: 1262 },
    },
    {
      name: "cached tokens are part of the input",
      wire: {
        billed_units: { input_tokens: 5, output_tokens: 2 },
        tokens: { input_tokens: 500, output_tokens: 5 },
        cached_tokens: 448,
      },
      expected: { inputTokens: 500, outputTokens: 5, totalTokens: 505, cachedInputTokens: 448 },
    },
    {
      name: "billed units when tokens are missing",
      wire: { billed_units: { input_tokens: 10, output_tokens: 4 } },
      expected: { inputTokens: 10, outputTokens: 4, totalTokens: 14 },
    },
    { name: "nothing at all", wire: {}, expected: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
  ];

  it.each(cases)("$name", ({ wire, expected }) => {
    expect(mapCohereUsage(wire)).toEqual({ ...expected, raw: wire });
  });
});
