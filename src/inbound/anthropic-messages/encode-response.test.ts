import { describe, expect, it } from "vitest";
import type { ChatChoice, ChatResponse } from "../../contract/chat-response.js";
import type { FinishReason } from "../../contract/finish-reason.js";
import { encodeAnthropicMessagesResponse, parseToolInput } from "./encode-response.js";

const stop: FinishReason = { unified: "stop", raw: "stop" };

function response(choice: Partial<ChatChoice>, extra: Partial<ChatResponse> = {}): ChatResponse {
  return {
    id: "chatcmpl-abc",
    model: "gpt-4o-mini",
    created: 1,
    choices: [{ index: 0, content: [], finishReason: stop, ...choice }],
    ...extra,
  };
}

describe("encodeAnthropicMessagesResponse", () => {
  it("encodes text, the derived id and usage without cached tokens in input_tokens", () => {
    const encoded = encodeAnthropicMessagesResponse(
      response(
        { content: [{ type: "text", text: "Hello" }] },
        {
          usage: {
            inputTokens: 100,
            outputTokens: 7,
            totalTokens: 107,
            cachedInputTokens: 30,
            cacheWriteInputTokens: 20,
          },
        },
      ),
    );
    expect(encoded).toEqual({
      id: "msg_chatcmpl-abc",
      type: "message",
      role: "assistant",
      model: "gpt-4o-mini",
      content: [{ type: "text", text: "Hello" }],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 50, output_tokens: 7, cache_creation_input_tokens: 20, cache_read_input_tokens: 30 },
    });
  });

  it("keeps an upstream msg_ id and reports zero usage when none is known", () => {
    const encoded = encodeAnthropicMessagesResponse(response({}, { id: "msg_01XFD" }));
    expect(encoded.id).toBe("msg_01XFD");
    expect(encoded.usage).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it("encodes thinking, redacted thinking, text and tool_use blocks in order", () => {
    const encoded = encodeAnthropicMessagesResponse(
      response({
        content: [
          { type: "reasoning", text: "Let me think.", signature: "EqQB" },
          { type: "reasoning", text: "", signature: "opaque", redacted: true },
          { type: "text", text: "" },
          { type: "text", text: "Checking." },
          { type: "tool-call", id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' },
          { type: "tool-call", id: "call_2", name: "get_time", arguments: "" },
        ],
        finishReason: { unified: "tool_calls", raw: "tool_calls" },
      }),
    );
    expect(encoded.content).toEqual([
      { type: "thinking", thinking: "Let me think.", signature: "EqQB" },
      { type: "redacted_thinking", data: "opaque" },
      { type: "text", text: "Checking." },
      { type: "tool_use", id: "call_1", name: "get_weather", input: { city: "Paris" } },
      { type: "tool_use", id: "call_2", name: "get_time", input: {} },
    ]);
    expect(encoded.stop_reason).toBe("tool_use");
  });

  const reasons: Array<{
    name: string;
    choice: Partial<ChatChoice>;
    extra?: Partial<ChatResponse>;
    stop: [unknown, unknown];
  }> = [
    { name: "stop", choice: {}, stop: ["end_turn", null] },
    { name: "length", choice: { finishReason: { unified: "length", raw: "length" } }, stop: ["max_tokens", null] },
    {
      name: "content_filter",
      choice: { finishReason: { unified: "content_filter", raw: "SAFETY" } },
      stop: ["refusal", null],
    },
    { name: "error", choice: { finishReason: { unified: "error", raw: "ERROR" } }, stop: ["end_turn", null] },
    { name: "other", choice: { finishReason: { unified: "other", raw: "weird" } }, stop: ["end_turn", null] },
    {
      name: "an Anthropic stop_sequence with the matched string",
      choice: { finishReason: { unified: "stop", raw: "stop_sequence" } },
      extra: { providerMetadata: { stop_sequence: "END" } },
      stop: ["stop_sequence", "END"],
    },
    {
      name: "an Anthropic pause_turn",
      choice: { finishReason: { unified: "stop", raw: "pause_turn" } },
      stop: ["pause_turn", null],
    },
    {
      name: "an Anthropic model_context_window_exceeded",
      choice: { finishReason: { unified: "length", raw: "model_context_window_exceeded" } },
      stop: ["model_context_window_exceeded", null],
    },
    {
      name: "stop with tool calls (Gemini style)",
      choice: {
        content: [{ type: "tool-call", id: "c", name: "n", arguments: "{}" }],
        finishReason: { unified: "stop", raw: "STOP" },
      },
      stop: ["tool_use", null],
    },
    { name: "an OpenAI refusal", choice: { refusal: "I can't help with that." }, stop: ["refusal", null] },
  ];

  it.each(reasons)("maps the finish reason: $name", ({ choice, extra, stop: [stopReason, stopSequence] }) => {
    const encoded = encodeAnthropicMessagesResponse(response(choice, extra));
    expect([encoded.stop_reason, encoded.stop_sequence]).toEqual([stopReason, stopSequence]);
  });

  it("sends an OpenAI refusal as text", () => {
    const encoded = encodeAnthropicMessagesResponse(response({ refusal: "No." }));
    expect(encoded.content).toEqual([{ type: "text", text: "No." }]);
  });

  it("encodes only choice 0", () => {
    const encoded = encodeAnthropicMessagesResponse({
      id: "x",
      model: "m",
      created: 1,
      choices: [
        { index: 1, content: [{ type: "text", text: "second" }], finishReason: stop },
        { index: 0, content: [{ type: "text", text: "first" }], finishReason: stop },
      ],
    });
    expect(encoded.content).toEqual([{ type: "text", text: "first" }]);
  });
});

describe("parseToolInput", () => {
  it.each([
    ['{"city":"Paris"}', { city: "Paris" }],
    ["", {}],
    ["  ", {}],
    ['{"city": "Par', {}],
    ["[1,2]", {}],
    ["null", {}],
    ['"text"', {}],
  ])("%j becomes %j", (text, input) => {
    expect(parseToolInput(text)).toEqual(input);
  });
});
