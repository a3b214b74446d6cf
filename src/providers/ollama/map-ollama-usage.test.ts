import { describe, expect, it } from "vitest";
import { mapOllamaUsage } from "./map-ollama-usage.js";
import type { OllamaChatLine } from "./wire-types.js";

describe("mapOllamaUsage", () => {
  const cases: Array<{ name: string; line: OllamaChatLine; expected: [number, number, number] }> = [
    {
      name: "prompt_eval_count and eval_count",
      line: { done: true, prompt_eval_count: 169, eval_count: 15, total_duration: 182242375 },
      expected: [169, 15, 184],
    },
    { name: "a cached prompt has no prompt_eval_count", line: { done: true, eval_count: 7 }, expected: [0, 7, 7] },
    { name: "no counters at all", line: { done: true }, expected: [0, 0, 0] },
  ];

  it.each(cases)("$name", ({ line, expected: [inputTokens, outputTokens, totalTokens] }) => {
    const usage = mapOllamaUsage(line);
    expect(usage).toMatchObject({ inputTokens, outputTokens, totalTokens });
    expect(usage.raw).toMatchObject({ prompt_eval_count: line.prompt_eval_count, eval_count: line.eval_count });
  });
});
