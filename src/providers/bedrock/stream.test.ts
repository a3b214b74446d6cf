import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { describe, expect, it } from "vitest";
import { eventFrame, exceptionFrame } from "../../../test/support/mock-bedrock-upstream.js";
import type { StreamChunk } from "../../contract/stream-event.js";
import { readBedrockConverseStream } from "./stream.js";

const identity = { id: "bedrock-r1", model: "m", created: 1 };
const context = { provider: "aws", identity, requestId: "r1", signal: new AbortController().signal };

async function* reads(...chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield chunk;
}

async function chunksOf(body: AsyncIterable<Buffer>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of readBedrockConverseStream(body, context)) chunks.push(chunk);
  return chunks;
}

const start = eventFrame("messageStart", { role: "assistant" });
const delta = (text: string, index = 0) =>
  eventFrame("contentBlockDelta", { contentBlockIndex: index, delta: { text } });
const stop = eventFrame("messageStop", { stopReason: "end_turn" });
const metadata = eventFrame("metadata", {
  usage: { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
  metrics: { latencyMs: 5 },
});
const opening = [
  { type: "stream-start", ...identity },
  { type: "role-start", choiceIndex: 0 },
];

function rawFrame(headers: Record<string, string>, body: string): Buffer {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const typed = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, { type: "string" as const, value }]),
  );
  return Buffer.from(codec.encode({ headers: typed, body: fromUtf8(body) }));
}

describe("readBedrockConverseStream", () => {
  it("gives one chunk per read, however many frames it holds", async () => {
    const chunks = await chunksOf(
      reads(
        Buffer.concat([start, delta("Hel"), delta("lo")]),
        Buffer.concat([eventFrame("contentBlockStop", { contentBlockIndex: 0 }), stop, metadata]),
      ),
    );
    expect(chunks.map((chunk) => chunk.events)).toEqual([
      [
        ...opening,
        { type: "text-delta", choiceIndex: 0, text: "Hel" },
        { type: "text-delta", choiceIndex: 0, text: "lo" },
      ],
      [
        { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "end_turn" } },
        {
          type: "usage",
          usage: {
            inputTokens: 2,
            outputTokens: 1,
            totalTokens: 3,
            raw: { inputTokens: 2, outputTokens: 1, totalTokens: 3 },
          },
        },
      ],
    ]);
  });

  it("turns a corrupt frame mid-stream into an in-band bad-response error and stops", async () => {
    const corrupt = Buffer.from(delta("lo"));
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 0xff;
    const chunks = await chunksOf(
      reads(Buffer.concat([start, delta("Hel")]), Buffer.concat([corrupt, stop, metadata])),
    );
    expect(chunks).toHaveLength(2);
    expect(chunks[1]?.events).toEqual([
      { type: "error", error: expect.objectContaining({ code: "upstream_bad_response", status: 502 }) },
    ]);
  });

  it.each([
    {
      name: "messageStop without metadata still finishes, without usage",
      frames: [start, delta("a"), stop],
      last: { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "end_turn" } },
    },
    {
      name: "an end before messageStop is a stream error",
      frames: [start, delta("a")],
      last: {
        type: "error",
        error: expect.objectContaining({
          code: "upstream_stream_error",
          message: 'Provider "aws" ended the stream before it was complete.',
        }),
      },
    },
    {
      name: "an unmodelled error frame",
      frames: [
        start,
        rawFrame({ ":message-type": "error", ":error-code": "InternalFailure", ":error-message": "boom" }, ""),
      ],
      last: { type: "error", error: expect.objectContaining({ code: "upstream_error", status: 500, message: "boom" }) },
    },
    {
      name: "a validationException frame",
      frames: [exceptionFrame("validationException", "Bad input.")],
      last: {
        type: "error",
        error: expect.objectContaining({ code: "upstream_error", status: 400, retryable: false }),
      },
    },
    {
      name: "an event whose payload is not JSON",
      frames: [start, rawFrame({ ":message-type": "event", ":event-type": "contentBlockDelta" }, "{oops")],
      last: { type: "error", error: expect.objectContaining({ code: "upstream_bad_response" }) },
    },
  ])("$name", async ({ frames, last }) => {
    const events = (await chunksOf(reads(...frames))).flatMap((chunk) => chunk.events);
    expect(events.at(-1)).toEqual(last);
    expect(events.filter((event) => event.type === "error" || event.type === "finish")).toHaveLength(1);
  });

  it("ignores event kinds it does not know and starts the stream on the first event it does", async () => {
    const events = (await chunksOf(reads(eventFrame("somethingNew", { x: 1 }), delta("a"), stop, metadata))).flatMap(
      (chunk) => chunk.events,
    );
    expect(events.slice(0, 3)).toEqual([...opening, { type: "text-delta", choiceIndex: 0, text: "a" }]);
  });

  it("reports a connection lost mid-stream as an error event", async () => {
    const failing = (async function* () {
      yield start;
      throw Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    })();
    const events = (await chunksOf(failing)).flatMap((chunk) => chunk.events);
    expect(events.at(-1)).toEqual({ type: "error", error: expect.objectContaining({ code: "upstream_unreachable" }) });
  });
});
