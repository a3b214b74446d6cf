import { describe, expect, it } from "vitest";
import { GatewayError } from "../../contract/errors.js";
import type { StreamChunk } from "../../contract/stream-event.js";
import { OpenAIChatStreamEncoder } from "./encode-stream.js";

const start: StreamChunk = { events: [{ type: "stream-start", id: "id1", model: "claude", created: 5 }] };
const usage: StreamChunk = {
  events: [{ type: "usage", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } }],
  passthrough: { format: "openai-chat", data: '{"usage-only":true}' },
};

function dataOf(sse: string): unknown[] {
  return sse
    .split("\n\n")
    .filter(Boolean)
    .map((event) => JSON.parse(event.slice("data: ".length)));
}

describe("OpenAIChatStreamEncoder", () => {
  it("encodes canonical events as chunks that repeat the stream's id, model and created", () => {
    const encoder = new OpenAIChatStreamEncoder("smart", true, false);
    encoder.encode(start);
    const sse = encoder.encode({
      events: [
        { type: "role-start", choiceIndex: 0 },
        { type: "text-delta", choiceIndex: 0, text: "Hi" },
        { type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "t1", name: "f" },
        { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: "{}" },
        { type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "tool_use" } },
      ],
    });
    const base = { id: "id1", object: "chat.completion.chunk", created: 5, model: "claude" };
    expect(dataOf(sse)).toEqual([
      {
        ...base,
        choices: [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }],
      },
      { ...base, choices: [{ index: 0, delta: { content: "Hi" }, logprobs: null, finish_reason: null }] },
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, id: "t1", type: "function", function: { name: "f", arguments: "" } }] },
            logprobs: null,
            finish_reason: null,
          },
        ],
      },
      {
        ...base,
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, function: { arguments: "{}" } }] },
            logprobs: null,
            finish_reason: null,
          },
        ],
      },
      { ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: "tool_calls" }] },
    ]);
    expect(dataOf(encoder.encode(usage))).toEqual([
      { ...base, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    expect(encoder.end()).toBe("data: [DONE]\n\n");
  });

  it("forwards upstream text unchanged, without the usage chunk the client did not ask for", () => {
    const encoder = new OpenAIChatStreamEncoder("smart", false, true);
    const text: StreamChunk = {
      events: [{ type: "text-delta", choiceIndex: 0, text: "x" }],
      passthrough: { format: "openai-chat", data: '{"raw":1}' },
    };
    expect(encoder.encode(text)).toBe('data: {"raw":1}\n\n');
    expect(encoder.encode(usage)).toBe("");
  });

  it("writes an error as an in-band OpenAI error object", () => {
    const encoder = new OpenAIChatStreamEncoder("smart", false, false);
    const error = new GatewayError("upstream_stream_error", "ended early", { upstream: { provider: "p" } });
    expect(dataOf(encoder.error(error))).toEqual([
      {
        error: {
          message: "ended early",
          type: "upstream_error",
          param: null,
          code: "upstream_stream_error",
          provider: "p",
        },
      },
    ]);
  });
});
