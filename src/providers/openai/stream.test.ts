import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { readOpenAIChatStream } from "./stream.js";

const fixture = readFileSync(resolve(import.meta.dirname, "__fixtures__/tool-call-stream.txt"));

/** Cuts a body into reads of `size` bytes, as a network would. */
async function* inReadsOf(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < body.length; offset += size) yield body.subarray(offset, offset + size);
}

async function collect(body: AsyncIterable<Buffer>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of readOpenAIChatStream(body, "openai", new AbortController().signal)) chunks.push(chunk);
  return chunks;
}

const events = (chunks: StreamChunk[]): StreamEvent[] => chunks.flatMap((chunk) => chunk.events);

describe("readOpenAIChatStream", () => {
  it.each([1, 7, 64, 100_000])("decodes parallel tool calls whatever the read size (%d bytes)", async (size) => {
    const chunks = await collect(inReadsOf(fixture, size));
    expect(events(chunks)).toEqual([
      { type: "stream-start", id: "c1", model: "gpt-4o", created: 1 },
      { type: "role-start", choiceIndex: 0 },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 0, id: "call_a", name: "get_weather" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city":' },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '"Paris"}' },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: "call_b", name: "get_time" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: "{}" },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "tool_calls" } },
      {
        type: "usage",
        usage: expect.objectContaining({
          inputTokens: 17,
          outputTokens: 9,
          totalTokens: 26,
          cachedInputTokens: 4,
          reasoningTokens: 0,
        }),
      },
    ]);
  });

  it("keeps each event's original text for same-dialect forwarding", async () => {
    const chunks = await collect(inReadsOf(fixture, 100_000));
    const firstLine = fixture.toString().split("\n")[0]?.slice("data: ".length);
    expect(chunks[0]?.passthrough).toEqual({ format: "openai-chat", data: firstLine });
  });

  it("turns an in-band error into an error event and stops", async () => {
    const body = Buffer.from(
      'data: {"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}\n\ndata: [DONE]\n\n',
    );
    const decoded = events(await collect(inReadsOf(body, 10)));
    expect(decoded).toHaveLength(1);
    expect(decoded[0]).toMatchObject({
      type: "error",
      error: { code: "upstream_error", message: "overloaded", status: 502 },
    });
  });

  it("reports a stream that ends before finishing", async () => {
    const truncated = fixture.subarray(0, fixture.indexOf('tool_calls"}]}') - 200);
    const decoded = events(await collect(inReadsOf(truncated, 50)));
    expect(decoded.at(-1)).toMatchObject({ type: "error", error: { code: "upstream_stream_error" } });
  });

  it("accepts a stream without [DONE] once every choice finished", async () => {
    const withoutDone = Buffer.from(fixture.toString().replace("data: [DONE]\n\n", ""));
    const decoded = events(await collect(inReadsOf(withoutDone, 33)));
    expect(decoded.some((event) => event.type === "error")).toBe(false);
  });

  it("reports an event that is not JSON as a bad response", async () => {
    const decoded = events(await collect(inReadsOf(Buffer.from("data: {not json\n\n"), 5)));
    expect(decoded).toEqual([{ type: "error", error: expect.objectContaining({ code: "upstream_bad_response" }) }]);
  });

  it("reads usage that Groq puts under x_groq", async () => {
    const body = Buffer.from(
      'data: {"id":"g","object":"chat.completion.chunk","created":1,"model":"llama","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}}\n\ndata: [DONE]\n\n',
    );
    const decoded = events(await collect(inReadsOf(body, 1000)));
    expect(decoded.find((event) => event.type === "usage")).toMatchObject({
      usage: { inputTokens: 3, outputTokens: 2 },
    });
  });
});
