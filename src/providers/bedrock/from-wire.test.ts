import { describe, expect, it } from "vitest";
import { fromBedrockConverseResponse } from "./from-wire.js";
import type { BedrockConverseResponse } from "./wire-types.js";

const identity = { id: "bedrock-req-1", model: "anthropic.claude-3-haiku-20240307-v1:0", created: 1700000000 };

describe("fromBedrockConverseResponse", () => {
  it("keeps reasoning, text and tool use in order, with the tool-calls finish and cache-inclusive usage", () => {
    const wire: BedrockConverseResponse = {
      output: {
        message: {
          role: "assistant",
          content: [
            { reasoningContent: { reasoningText: { text: "Let me think.", signature: "sig-1" } } },
            { reasoningContent: { redactedContent: "cmVkYWN0ZWQ=" } },
            { text: "Let me check." },
            { toolUse: { toolUseId: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", input: { city: "Paris" } } },
            { cachePoint: { type: "default" } },
          ],
        },
      },
      stopReason: "tool_use",
      usage: {
        inputTokens: 125,
        outputTokens: 60,
        totalTokens: 285,
        cacheReadInputTokens: 100,
        cacheWriteInputTokens: 0,
      },
      metrics: { latencyMs: 1275 },
      additionalModelResponseFields: {},
    };
    expect(fromBedrockConverseResponse(wire, identity)).toEqual({
      ...identity,
      choices: [
        {
          index: 0,
          content: [
            { type: "reasoning", text: "Let me think.", signature: "sig-1" },
            { type: "reasoning", text: "", signature: "cmVkYWN0ZWQ=", redacted: true },
            { type: "text", text: "Let me check." },
            {
              type: "tool-call",
              id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q",
              name: "get_weather",
              arguments: '{"city":"Paris"}',
            },
          ],
          finishReason: { unified: "tool_calls", raw: "tool_use" },
        },
      ],
      usage: {
        inputTokens: 225,
        outputTokens: 60,
        totalTokens: 285,
        cachedInputTokens: 100,
        cacheWriteInputTokens: 0,
        raw: wire.usage,
      },
      providerMetadata: { metrics: { latencyMs: 1275 }, additionalModelResponseFields: {} },
    });
  });

  it.each([
    {
      name: "tool use under end_turn still finishes with tool_calls",
      stopReason: "end_turn",
      withTool: true,
      unified: "tool_calls",
    },
    {
      name: "a guardrail stop is a content filter",
      stopReason: "guardrail_intervened",
      withTool: false,
      unified: "content_filter",
    },
    { name: "no stop reason is a stop", stopReason: undefined, withTool: false, unified: "stop" },
  ])("$name", ({ stopReason, withTool, unified }) => {
    const content = withTool ? [{ toolUse: { toolUseId: "t1", name: "f", input: {} } }] : [{ text: "x" }];
    const response = fromBedrockConverseResponse({ output: { message: { content } }, stopReason }, identity);
    expect(response.choices[0]?.finishReason.unified).toBe(unified);
    expect(response.usage).toBeUndefined();
  });
});
