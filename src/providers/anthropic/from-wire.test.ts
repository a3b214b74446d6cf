import { describe, expect, it } from "vitest";
import { fromAnthropicMessage } from "./from-wire.js";
import { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";
import { mapAnthropicUsage, mergeAnthropicUsage } from "./map-anthropic-usage.js";
import type { AnthropicMessageResponse } from "./wire-types.js";

const USAGE = {
  input_tokens: 412,
  output_tokens: 57,
  cache_creation_input_tokens: 100,
  cache_read_input_tokens: 2000,
  cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 0 },
  service_tier: "standard",
};

function message(overrides: Partial<AnthropicMessageResponse>): AnthropicMessageResponse {
  return {
    id: "msg_01XFDUDYJgAACzvnptvVoYEL",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5-20251001",
    content: [{ type: "text", text: "Hello" }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: USAGE,
    ...overrides,
  };
}

describe("fromAnthropicMessage", () => {
  it("decodes a text answer with usage, and no metadata when nothing is left over", () => {
    expect(fromAnthropicMessage(message({}), 1_700_000_000)).toEqual({
      id: "msg_01XFDUDYJgAACzvnptvVoYEL",
      model: "claude-haiku-4-5-20251001",
      created: 1_700_000_000,
      choices: [
        { index: 0, content: [{ type: "text", text: "Hello" }], finishReason: { unified: "stop", raw: "end_turn" } },
      ],
      usage: {
        inputTokens: 2512,
        outputTokens: 57,
        totalTokens: 2569,
        cachedInputTokens: 2000,
        cacheWriteInputTokens: 100,
        raw: USAGE,
      },
    });
  });

  it.each([
    [
      "text then tool_use → tool calls with JSON arguments",
      [
        { type: "text", text: "Let me check." },
        { type: "tool_use", id: "toolu_01A", name: "get_weather", input: { city: "Paris" } },
      ],
      "tool_use",
      [
        { type: "text", text: "Let me check." },
        { type: "tool-call", id: "toolu_01A", name: "get_weather", arguments: '{"city":"Paris"}' },
      ],
      "tool_calls",
    ],
    [
      "thinking with its signature and redacted thinking with its data",
      [
        { type: "thinking", thinking: "Hmm.", signature: "EqQB" },
        { type: "redacted_thinking", data: "opaque" },
        { type: "text", text: "Done" },
      ],
      "end_turn",
      [
        { type: "reasoning", text: "Hmm.", signature: "EqQB" },
        { type: "reasoning", text: "", signature: "opaque", redacted: true },
        { type: "text", text: "Done" },
      ],
      "stop",
    ],
    [
      "server tool blocks left to the passthrough body",
      [
        { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "x" } },
        { type: "web_search_tool_result", tool_use_id: "srvtoolu_1", content: [] },
        { type: "text", text: "Found it" },
      ],
      "end_turn",
      [{ type: "text", text: "Found it" }],
      "stop",
    ],
  ])("decodes %s", (_name, content, stopReason, expected, finish) => {
    const decoded = fromAnthropicMessage(message({ content, stop_reason: stopReason }));
    expect(decoded.choices[0]?.content).toEqual(expected);
    expect(decoded.choices[0]?.finishReason.unified).toBe(finish);
  });

  it("keeps the matched stop sequence and newer fields as provider metadata", () => {
    const decoded = fromAnthropicMessage(
      message({ stop_reason: "stop_sequence", stop_sequence: "END", container: { id: "c1" } }),
    );
    expect(decoded.providerMetadata).toEqual({ stop_sequence: "END", container: { id: "c1" } });
  });
});

describe("mapAnthropicStopReason", () => {
  it.each([
    ["end_turn", false, "stop"],
    ["stop_sequence", false, "stop"],
    ["pause_turn", false, "stop"],
    ["max_tokens", false, "length"],
    ["model_context_window_exceeded", false, "length"],
    ["tool_use", false, "tool_calls"],
    ["refusal", false, "content_filter"],
    ["something_new", false, "other"],
    [null, false, "stop"],
    ["end_turn", true, "tool_calls"],
    ["max_tokens", true, "length"],
  ] as const)("maps %s (tool calls: %s) to %s", (raw, hasToolCalls, unified) => {
    expect(mapAnthropicStopReason(raw, hasToolCalls)).toEqual({ unified, raw });
  });
});

describe("mapAnthropicUsage", () => {
  it.each([
    [
      "no cache",
      { input_tokens: 10, output_tokens: 5 },
      { inputTokens: 10, outputTokens: 5, totalTokens: 15, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
    ],
    [
      "cache reads and writes added to input; thinking tokens as reasoning",
      {
        input_tokens: 10,
        output_tokens: 50,
        cache_creation_input_tokens: 20,
        cache_read_input_tokens: 30,
        output_tokens_details: { thinking_tokens: 40 },
      },
      {
        inputTokens: 60,
        outputTokens: 50,
        totalTokens: 110,
        cachedInputTokens: 30,
        cacheWriteInputTokens: 20,
        reasoningTokens: 40,
      },
    ],
    [
      "null cache counters",
      { input_tokens: 3, output_tokens: 1, cache_creation_input_tokens: null, cache_read_input_tokens: null },
      { inputTokens: 3, outputTokens: 1, totalTokens: 4, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
    ],
  ])("maps %s", (_name, usage, expected) => {
    expect(mapAnthropicUsage(usage)).toEqual({ ...expected, raw: usage });
  });

  it("merges stream usage: later non-null values win", () => {
    const start = { input_tokens: 472, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 10 };
    expect(mergeAnthropicUsage(start, { output_tokens: 89, input_tokens: null })).toEqual({
      input_tokens: 472,
      output_tokens: 89,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 10,
    });
  });
});
