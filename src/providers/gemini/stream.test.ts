import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { StreamChunk, StreamEvent } from "../../contract/stream-event.js";
import { readGeminiStream } from "./stream.js";

const textFixture = readFileSync(resolve(import.meta.dirname, "__fixtures__/stream-text.txt"));
const toolFixture = readFileSync(resolve(import.meta.dirname, "__fixtures__/stream-tool-calls.txt"));

/** Cuts a body into reads of `size` bytes, as a network would (splitting CRLFs and UTF-8 characters). */
async function* inReadsOf(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < body.length; offset += size) yield body.subarray(offset, offset + size);
}

async function collect(body: AsyncIterable<Buffer>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of readGeminiStream(body, "gemini", "gemini-2.5-flash", new AbortController().signal)) {
    chunks.push(chunk);
  }
  return chunks;
}

const events = (chunks: StreamChunk[]): StreamEvent[] => chunks.flatMap((chunk) => chunk.events);
const event = (data: unknown): string => `data: ${JSON.stringify(data)}\r\n\r\n`;

describe("readGeminiStream", () => {
  it.each([1, 5, 64, 100_000])("decodes a CRLF text stream whatever the read size (%d bytes)", async (size) => {
    const decoded = events(await collect(inReadsOf(textFixture, size)));
    expect(decoded).toEqual([
      { type: "stream-start", id: "Xb1qaOX4Ks2YmNAPn8-8wQs", model: "gemini-2.5-flash", created: expect.any(Number) },
      { type: "role-start", choiceIndex: 0 },
      { type: "reasoning-delta", choiceIndex: 0, text: "**Weighing it**\n\nShort answer." },
      { type: "text-delta", choiceIndex: 0, text: "Bonjour, ça" },
      { type: "text-delta", choiceIndex: 0, text: " va ✓" },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "STOP" } },
      {
        type: "usage",
        usage: expect.objectContaining({ inputTokens: 9, outputTokens: 34, totalTokens: 43, reasoningTokens: 28 }),
      },
    ]);
  });

  it.each([1, 13, 100_000])("emits one start and one whole delta per function call (%d-byte reads)", async (size) => {
    const decoded = events(await collect(inReadsOf(toolFixture, size)));
    expect(decoded.slice(1)).toEqual([
      { type: "role-start", choiceIndex: 0 },
      {
        type: "tool-input-start",
        choiceIndex: 0,
        toolIndex: 0,
        id: "call_q7xqaMdBvGP7_0",
        name: "get_weather",
        providerOptions: { gemini: { thoughtSignature: "CiQBcsjafP9x" } },
      },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 0, argumentsDelta: '{"city":"Paris"}' },
      { type: "tool-input-start", choiceIndex: 0, toolIndex: 1, id: "call_q7xqaMdBvGP7_1", name: "get_time" },
      { type: "tool-input-delta", choiceIndex: 0, toolIndex: 1, argumentsDelta: '{"zone":"Europe/Paris"}' },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "tool_calls", raw: "STOP" } },
      { type: "usage", usage: expect.objectContaining({ inputTokens: 40, outputTokens: 64, totalTokens: 104 }) },
    ]);
  });

  it("reports usage once, at the end, from the last usageMetadata", async () => {
    const decoded = events(await collect(inReadsOf(textFixture, 100_000)));
    expect(decoded.filter((item) => item.type === "usage")).toHaveLength(1);
    expect(decoded.at(-1)?.type).toBe("usage");
  });

  it("reports a stream that ends before any finishReason as cut short, after the usage seen", async () => {
    const body = Buffer.from(
      event({
        candidates: [{ content: { role: "model", parts: [{ text: "Hel" }] }, index: 0 }],
        usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
        responseId: "t1",
      }),
    );
    const decoded = events(await collect(inReadsOf(body, 7)));
    expect(decoded.map((item) => item.type)).toEqual(["stream-start", "role-start", "text-delta", "usage", "error"]);
    expect(decoded.at(-1)).toMatchObject({ error: { code: "upstream_stream_error", status: 502, retryable: true } });
  });

  it("reports an empty body as cut short", async () => {
    const decoded = events(await collect(inReadsOf(Buffer.alloc(0), 1)));
    expect(decoded).toEqual([{ type: "error", error: expect.objectContaining({ code: "upstream_stream_error" }) }]);
  });

  it("turns an in-band error into an error event after the usage seen, and stops", async () => {
    const body = Buffer.from(
      event({
        candidates: [{ content: { role: "model", parts: [{ text: "Hi" }] }, index: 0 }],
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, totalTokenCount: 5 },
        responseId: "e1",
      }) +
        event({
          error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" },
        }) +
        event({ candidates: [{ content: { role: "model", parts: [{ text: "ignored" }] }, finishReason: "STOP" }] }),
    );
    const decoded = events(await collect(inReadsOf(body, 100_000)));
    expect(decoded.map((item) => item.type)).toEqual(["stream-start", "role-start", "text-delta", "usage", "error"]);
    expect(decoded.at(-1)).toMatchObject({
      error: { code: "upstream_error", status: 503, retryable: true, upstream: { code: "UNAVAILABLE" } },
    });
  });

  it("turns an event that is not JSON into upstream_bad_response and stops", async () => {
    const decoded = events(await collect(inReadsOf(Buffer.from("data: not json {\r\n\r\n"), 100_000)));
    expect(decoded).toEqual([{ type: "error", error: expect.objectContaining({ code: "upstream_bad_response" }) }]);
  });

  it("ends a blocked prompt as one content_filter choice, complete", async () => {
    const body = Buffer.from(
      event({
        promptFeedback: { blockReason: "SAFETY", safetyRatings: [] },
        usageMetadata: { promptTokenCount: 6, totalTokenCount: 6 },
        responseId: "b1",
      }),
    );
    const decoded = events(await collect(inReadsOf(body, 100_000)));
    expect(decoded.slice(1)).toEqual([
      { type: "role-start", choiceIndex: 0 },
      { type: "finish", choiceIndex: 0, finishReason: { unified: "content_filter", raw: "SAFETY" } },
      { type: "usage", usage: expect.objectContaining({ inputTokens: 6, outputTokens: 0 }) },
    ]);
  });

  it("needs every candidate to finish", async () => {
    const candidate = (index: number, finishReason?: string) => ({
      index,
      content: { role: "model", parts: [{ text: `c${index}` }] },
      ...(finishReason ? { finishReason } : {}),
    });
    const body = Buffer.from(
      event({ candidates: [candidate(0), candidate(1)] }) + event({ candidates: [candidate(0, "STOP")] }),
    );
    const decoded = events(await collect(inReadsOf(body, 100_000)));
    expect(decoded.at(-1)).toMatchObject({ type: "error", error: { code: "upstream_stream_error" } });
  });

  it("reports a transport failure as an error event, after the usage seen", async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from(
        event({
          candidates: [{ content: { role: "model", parts: [{ text: "Hi" }] } }],
          usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1, totalTokenCount: 5 },
        }),
      );
      throw Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    }
    const decoded = events(await collect(failing()));
    expect(decoded.map((item) => item.type)).toEqual(["stream-start", "role-start", "text-delta", "usage", "error"]);
    expect(decoded.at(-1)).toMatchObject({ type: "error", error: { code: "upstream_unreachable" } });
  });
});
