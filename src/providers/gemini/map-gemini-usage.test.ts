import { describe, expect, it } from "vitest";
import type { Usage } from "../../contract/usage.js";
import { mapGeminiUsage } from "./map-gemini-usage.js";
import type { GeminiUsageMetadata } from "./wire-types.js";

describe("mapGeminiUsage", () => {
  it.each<[string, GeminiUsageMetadata, Omit<Usage, "raw">]>([
    [
      "plain answer",
      { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 },
      { inputTokens: 5, outputTokens: 3, totalTokens: 8 },
    ],
    [
      "thoughts are output and reasoning, outside candidatesTokenCount",
      { promptTokenCount: 15, candidatesTokenCount: 359, thoughtsTokenCount: 661, totalTokenCount: 1035 },
      { inputTokens: 15, outputTokens: 1020, totalTokens: 1035, reasoningTokens: 661 },
    ],
    [
      "cached content is part of the prompt",
      { promptTokenCount: 2000, cachedContentTokenCount: 1500, candidatesTokenCount: 10, totalTokenCount: 2010 },
      { inputTokens: 2000, outputTokens: 10, totalTokens: 2010, cachedInputTokens: 1500 },
    ],
    [
      "tool-use prompt tokens count as input",
      { promptTokenCount: 20, toolUsePromptTokenCount: 30, candidatesTokenCount: 5, totalTokenCount: 55 },
      { inputTokens: 50, outputTokens: 5, totalTokens: 55 },
    ],
    [
      "prompt only (a blocked prompt, or the first chunk of a stream)",
      { promptTokenCount: 7, totalTokenCount: 7 },
      { inputTokens: 7, outputTokens: 0, totalTokens: 7 },
    ],
    [
      "no totalTokenCount: the sum",
      { promptTokenCount: 4, candidatesTokenCount: 6, thoughtsTokenCount: 2 },
      { inputTokens: 4, outputTokens: 8, totalTokens: 12, reasoningTokens: 2 },
    ],
  ])("%s", (_name, wire, expected) => {
    expect(mapGeminiUsage(wire)).toEqual({ ...expected, raw: wire });
  });
});
