import { describe, expect, it } from "vitest";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { readAnthropicMessageStream } from "./stream.js";

type Data = { type: string; [key: string]: unknown };

const sse = (data: Data) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;

async function* chunked(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function collect(text: string, size = 1 << 20): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  const stream = readAnthropicMessageStream(chunked(text, size), "claude", new AbortController().signal, "req_1");
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const events = (chunks: StreamChunk[]): StreamEvent[] => chunks.flatMap((chunk) => chunk.events);

const START_USAGE = {
  input_tokens: 472,
  output_tokens: 2,
  cache_creation_input_tokens: 5,
  cache_read_input_tokens: 10,
};
const MESSAGE_START: Data = {
  type: "message_start",
  message: {
    id: "msg_01",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5-20251001",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: START_USAGE,
  },
};
const blockStart = (index: number, block: Data): Data => ({ type: "content_block_start", index, content_block: block });
const blockDelta = (index: number, delta: Data): Data => ({ type: "content_block_delta", index, delta });
const blockStop = (index: number): Data => ({ type: "content_block_stop", index });
const messageDelta = (stopReason: string, usage: Record<string, unknown> = { output_tokens: 89 }): Data => ({
  type: "message_delta",
  delta: { stop_reason: stopReason, stop_sequence: null },
  usage,
});
const MESSAGE_STOP: Data = { type: "message_stop" };
const PING: Data = { type: "ping" };

/** providers.md 3.3: text, then two tool calls, with an empty first input_json_delta. */
const TOOL_STREAM = [
  MESSAGE_START,
  blockStart(0, { type: "text", text: "" }),
  PING,
  blockDelta(0, { type: "text_delta", text: "Okay," }),
  blockDelta(0, { type: "text_delta", text: " checking ✓" }),
  blockStop(0),
  blockStart(1, { type: "tool_use", id: "toolu_A", name: "get_weather", input: {} }),
  blockDelta(1, { type: "input_json_delta", partial_json: "" }),
  blockDelta(1, { type: "input_json_delta", partial_json: '{"city": "Par' }),
  blockDelta(1, { type: "input_json_delta", partial_json: 'is"}' }),
  blockStop(1),
  blockStart(2, { type: "tool_use", id: "toolu_B", name: "get_time", input: {} }),
  blockDelta(2, { type: "input_json_delta", partial_json: "" }),
  blockDelta(2, { type: "input_json_delta", partial_json: "{}" }),
  blockStop(2),
  messageDelta("tool_use"),
  MESSAGE_STOP,
];

const TOOL_STREAM_EVENTS: StreamEvent[] = [
  { type: "stream-start", id: "msg_01", model: "claude-haiku-4-5-20251001", created: expect.any(Number) },
  { type: "role-start", choiceIndex: 0 },
  { type: "text-delta", choiceIndex: 0, text: "Okay," },
  { type: "text-delta", choiceIndex: 0, text: " checking ✓" },
  { type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "toolu_A", name: "get_weather" },
  { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city": "Par' },
  { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: 'is"}' },
  { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: "toolu_B", name: "get_time" },
  { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: "{}" },
  { type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "tool_use" } },
  {
    type: "usage",
    usage: {
      inputTokens: 487,
      outputTokens: 89,
      totalTokens: 576,
      cachedInputTokens: 10,
      cacheWriteInputTokens: 5,
      raw: { ...START_USAGE, output_tokens: 89 },
    },
  },
];

describe("readAnthropicMessageStream", () => {
  it.each([
    ["whole", 1 << 20],
    ["one byte per read (events and a multi-byte character split)", 1],
    ["seven bytes per read", 7],
  ])("decodes text and tool calls with per-choice toolIndex counters, read %s", async (_name, size) => {
    const chunks = await collect(TOOL_STREAM.map(sse).join(""), size);
    expect(events(chunks)).toEqual(TOOL_STREAM_EVENTS);
  });

  it("yields one chunk per upstream event, each carrying its data text and event name unchanged", async () => {
    const text = TOOL_STREAM.map(sse).join("");
    const chunks = await collect(text, 5);
    expect(chunks).toHaveLength(TOOL_STREAM.length);
    expect(chunks.map((chunk) => chunk.passthrough?.event)).toEqual(TOOL_STREAM.map((data) => data.type));
    const rebuilt = chunks.map((chunk) => `event: ${chunk.passthrough?.event}\ndata: ${chunk.passthrough?.data}\n\n`);
    expect(rebuilt.join("")).toBe(text);
    expect(chunks.every((chunk) => chunk.passthrough?.format === "anthropic-messages")).toBe(true);
    // ping and content_block_stop carry no canonical event but still reach Anthropic clients.
    expect(chunks[2]).toEqual({
      events: [],
      passthrough: { format: "anthropic-messages", data: '{"type":"ping"}', event: "ping" },
    });
  });

  it("keeps padded data text as it arrived (recorded fixtures pad with spaces)", async () => {
    const padded = `event: content_block_stop\ndata: {"type":"content_block_stop","index":0}      \n\n`;
    const chunks = await collect(sse(MESSAGE_START) + padded + sse(messageDelta("end_turn")) + sse(MESSAGE_STOP));
    expect(chunks[1]?.passthrough?.data).toBe('{"type":"content_block_stop","index":0}      ');
    expect(events(chunks).some((event) => event.type === "error")).toBe(false);
  });

  it("decodes thinking as reasoning deltas, the signature last", async () => {
    const stream = [
      MESSAGE_START,
      blockStart(0, { type: "thinking", thinking: "", signature: "" }),
      blockDelta(0, { type: "thinking_delta", thinking: "Let me think." }),
      blockDelta(0, { type: "signature_delta", signature: "EqQBCgIYAhIM" }),
      blockStop(0),
      blockStart(1, { type: "redacted_thinking", data: "opaque" }),
      blockStop(1),
      blockStart(2, { type: "text", text: "" }),
      blockDelta(2, { type: "text_delta", text: "Hi" }),
      blockStop(2),
      messageDelta("end_turn", { output_tokens: 30, output_tokens_details: { thinking_tokens: 20 } }),
      MESSAGE_STOP,
    ];
    const decoded = events(await collect(stream.map(sse).join("")));
    expect(decoded.slice(2)).toEqual([
      { type: "reasoning-delta", choiceIndex: 0, text: "Let me think." },
      { type: "reasoning-delta", choiceIndex: 0, text: "", signature: "EqQBCgIYAhIM" },
      { type: "text-delta", choiceIndex: 0, text: "Hi" },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "end_turn" } },
      { type: "usage", usage: expect.objectContaining({ outputTokens: 30, reasoningTokens: 20 }) },
    ]);
  });

  it.each([
    ["max_tokens while a tool call streams stays length", "max_tokens", "length"],
    ["end_turn after a tool call becomes tool_calls", "end_turn", "tool_calls"],
    ["refusal becomes content_filter", "refusal", "content_filter"],
  ])("%s", async (_name, stopReason, unified) => {
    const stream = [
      MESSAGE_START,
      blockStart(0, { type: "tool_use", id: "toolu_A", name: "f", input: {} }),
      blockStop(0),
      messageDelta(stopReason),
      MESSAGE_STOP,
    ];
    const finish = events(await collect(stream.map(sse).join(""))).find((event) => event.type === "finish");
    expect(finish).toMatchObject({ finishReason: { unified, raw: stopReason } });
  });

  it("turns an in-stream error event into an error event with the upstream's type, and stops", async () => {
    const error = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
    const chunks = await collect([MESSAGE_START, error, MESSAGE_STOP].map(sse).join(""));
    expect(chunks).toHaveLength(2);
    expect(chunks[1]?.passthrough).toEqual({
      format: "anthropic-messages",
      data: JSON.stringify(error),
      event: "error",
    });
    expect(chunks[1]?.events[0]).toMatchObject({
      type: "error",
      error: {
        code: "upstream_error",
        message: "Overloaded",
        status: 529,
        retryable: true,
        upstream: { provider: "claude", code: "overloaded_error", requestId: "req_1" },
      },
    });
  });

  it.each([
    ["before message_delta", [MESSAGE_START, blockStart(0, { type: "text", text: "" })]],
    ["with nothing at all", []],
  ])("reports a stream cut %s as upstream_stream_error, without passthrough", async (_name, stream) => {
    const last = (await collect(stream.map(sse).join(""))).at(-1);
    expect(last?.passthrough).toBeUndefined();
    expect(last?.events).toEqual([
      { type: "error", error: expect.objectContaining({ code: "upstream_stream_error", retryable: true }) },
    ]);
  });

  it("accepts EOF after message_delta even without message_stop", async () => {
    const chunks = await collect([MESSAGE_START, messageDelta("end_turn")].map(sse).join(""));
    expect(events(chunks).some((event) => event.type === "error")).toBe(false);
  });

  it("reports data that is not JSON as upstream_bad_response and stops", async () => {
    const chunks = await collect(`event: message_start\ndata: not json {\n\n${sse(MESSAGE_STOP)}`);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.events[0]).toMatchObject({ type: "error", error: { code: "upstream_bad_response" } });
    expect(chunks[0]?.passthrough).toBeUndefined();
  });

  it("turns a broken connection into an error event", async () => {
    async function* broken(): AsyncGenerator<Buffer> {
      yield Buffer.from(sse(MESSAGE_START));
      throw Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    }
    const chunks: StreamChunk[] = [];
    for await (const chunk of readAnthropicMessageStream(broken(), "claude", new AbortController().signal)) {
      chunks.push(chunk);
    }
    expect(chunks.at(-1)?.events[0]).toMatchObject({ type: "error", error: { code: "upstream_unreachable" } });
  });
});
