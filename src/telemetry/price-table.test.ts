import { describe, expect, it } from "vitest";
import { costOf, createPriceTable, priceFor } from "./price-table.js";

describe("the price table", () => {
  it("knows shipped prices, dated snapshots and Azure's OpenAI models", () => {
    expect(priceFor("openai", "gpt-4o")).toEqual({
      inputPerMillion: 2.5,
      outputPerMillion: 10,
      cachedInputPerMillion: 1.25,
    });
    expect(priceFor("openai", "gpt-4o-2024-08-06")?.inputPerMillion).toBe(2.5);
    expect(priceFor("anthropic", "claude-sonnet-4-5-20250929")?.outputPerMillion).toBe(15);
    expect(priceFor("azure", "gpt-4o-mini")?.inputPerMillion).toBe(0.15);
  });

  it("says unknown, never 0, for a model it does not know", () => {
    expect(priceFor("ollama", "llama3")).toBeUndefined();
    expect(costOf("ollama", "llama3", { inputTokens: 10, outputTokens: 10, totalTokens: 20 })).toBeUndefined();
  });

  it("prices cached input apart", () => {
    const usage = { inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 100_000, totalTokens: 1_100_000 };
    // 600k × 2.5 + 400k × 1.25 + 100k × 10, per million.
    expect(costOf("openai", "gpt-4o", usage)).toBeCloseTo(1.5 + 0.5 + 1, 10);
  });

  it("lets the config override and extend prices", () => {
    const table = createPriceTable({
      openai: { "gpt-4o": { inputPerMillion: 1, outputPerMillion: 2 } },
      local: { llama3: { inputPerMillion: 0, outputPerMillion: 0 } },
    });
    expect(table.priceFor("openai", "gpt-4o")?.inputPerMillion).toBe(1);
    expect(table.costOf("local", "llama3", { inputTokens: 5, outputTokens: 5, totalTokens: 10 })).toBe(0);
  });
});
