import { describe, expect, it } from "vitest";
import { mapBedrockStopReason, withToolCallsRule } from "./map-bedrock-stop-reason.js";
import { mapBedrockUsage } from "./map-bedrock-usage.js";

describe("mapBedrockStopReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool_calls"],
    ["guardrail_intervened", "content_filter"],
    ["content_filtered", "content_filter"],
    ["malformed_model_output", "error"],
    ["malformed_tool_use", "error"],
    ["some_future_reason", "other"],
    [undefined, "stop"],
  ] as const)("%s → %s", (raw, unified) => {
    expect(mapBedrockStopReason(raw)).toEqual({ unified, raw: raw ?? null });
  });

  it.each([
    { name: "stop with tool calls", raw: "end_turn", hasToolCalls: true, unified: "tool_calls" },
    { name: "stop without tool calls", raw: "end_turn", hasToolCalls: false, unified: "stop" },
    { name: "length with tool calls", raw: "max_tokens", hasToolCalls: true, unified: "length" },
    {
      name: "content filter with tool calls",
      raw: "guardrail_intervened",
      hasToolCalls: true,
      unified: "content_filter",
    },
  ])("applies the tool-calls rule: $name", ({ raw, hasToolCalls, unified }) => {
    expect(withToolCallsRule(mapBedrockStopReason(raw), hasToolCalls)).toEqual({ unified, raw });
  });
});

describe("mapBedrockUsage", () => {
  it.each([
    {
      name: "plain",
      wire: { inputTokens: 12, outputTokens: 5, totalTokens: 17 },
      usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17 },
    },
    {
      name: "cache reads and writes count as input",
      wire: {
        inputTokens: 10,
        outputTokens: 4,
        totalTokens: 1114,
        cacheReadInputTokens: 1000,
        cacheWriteInputTokens: 100,
      },
      usage: {
        inputTokens: 1110,
        outputTokens: 4,
        totalTokens: 1114,
        cachedInputTokens: 1000,
        cacheWriteInputTokens: 100,
      },
    },
    {
      name: "zero cache fields are kept",
      wire: { inputTokens: 3, outputTokens: 2, totalTokens: 5, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 },
      usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
    },
    {
      name: "total computed when missing",
      wire: { inputTokens: 7, outputTokens: 1, cacheReadInputTokens: 2 },
      usage: { inputTokens: 9, outputTokens: 1, totalTokens: 10, cachedInputTokens: 2 },
    },
    { name: "empty", wire: {}, usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 } },
  ])("$name", ({ wire, usage }) => {
    expect(mapBedrockUsage(wire)).toEqual({ ...usage, raw: wire });
  });
});
