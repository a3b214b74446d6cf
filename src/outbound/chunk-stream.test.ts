import { PassThrough, Readable } from "node:stream";
import type { EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import type { StreamChunk, StreamEvent } from "../contract/stream-event.js";
import { type ChunkDecoder, ChunkStream, MAX_CHARS_WITHOUT_ITEM } from "./chunk-stream.js";
import { SseFraming } from "./sse-framing.js";

/**
 * A decoder that passes each message's data on as a text delta (with its data as passthrough if
 * asked) and ends at "[DONE]".
 */
class EchoDecoder implements ChunkDecoder<EventSourceMessage> {
  ended = false;
  complete = false;

  constructor(private readonly passthrough = false) {}

  decode(message: EventSourceMessage): StreamChunk | undefined {
    if (message.data === "[DONE]") {
      this.ended = this.complete = true;
      return undefined;
    }
    const events: StreamEvent[] = [{ type: "text-delta", choiceIndex: 0, text: message.data }];
    return this.passthrough ? { events, passthrough: { format: "openai-chat", data: message.data } } : { events };
  }

  cut(): StreamChunk | undefined {
    return { events: [{ type: "text-delta", choiceIndex: 0, text: "(cut)" }] };
  }
}

const texts = (chunks: StreamChunk[]) =>
  chunks.flatMap((chunk) => chunk.events.map((event) => (event.type === "text-delta" ? event.text : event.type)));

function streamOf(
  body: AsyncIterable<Buffer>,
  decoder: ChunkDecoder<EventSourceMessage> = new EchoDecoder(),
): ChunkStream<EventSourceMessage> {
  return new ChunkStream(body, SseFraming, decoder, "p", new AbortController().signal);
}

/** A body read through its iterator, recording how far it was read and whether it was let go early. */
function recordedBody(parts: string[]) {
  const seen = { reads: 0, returned: false, ended: false };
  async function* body() {
    try {
      for (const part of parts) {
        seen.reads++;
        yield Buffer.from(part);
      }
      seen.ended = true;
    } finally {
      if (!seen.ended) seen.returned = true;
    }
  }
  return { body: body(), seen };
}

async function collect(stream: ChunkStream<EventSourceMessage>): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("ChunkStream, with SSE framing", () => {
  it("decodes a Node stream written in pieces, across split events and split characters", async () => {
    const body = new PassThrough();
    const reading = collect(streamOf(body));
    const bytes = Buffer.from("data: a\n\ndata: é\n\ndata: [DONE]\n\n");
    // The last cut falls inside "é".
    const cuts = [0, 5, 10, 16, bytes.length];
    for (let index = 1; index < cuts.length; index++) {
      body.write(bytes.subarray(cuts[index - 1], cuts[index]));
      await flush();
    }
    expect(texts(await reading)).toEqual(["a", "é"]);
  });

  it("reports a body that ends before the terminal event as cut", async () => {
    expect(texts(await collect(streamOf(Readable.from([Buffer.from("data: a\n\n")]))))).toEqual(["a", "(cut)"]);
  });

  it("drops an event still missing its blank line when the body ends", async () => {
    const body = Readable.from([Buffer.from("data: a\n\ndata: b")]);
    expect(texts(await collect(streamOf(body)))).toEqual(["a", "(cut)"]);
  });

  it("turns a body closed before its end into an error chunk", async () => {
    const body = new PassThrough();
    const reading = collect(streamOf(body));
    body.write("data: a\n\n");
    await flush();
    body.destroy();
    const chunks = await reading;
    expect(texts(chunks)).toEqual(["a", "error"]);
  });

  it("reads the rest of the body after the terminal event instead of destroying it", async () => {
    const body = new PassThrough();
    const stream = streamOf(body);
    body.write("data: a\n\ndata: [DONE]\n\n");
    expect(texts(await collect(stream))).toEqual(["a"]);
    body.end(": trailing comment\n\n");
    await flush();
    expect(body.destroyed).toBe(true);
    expect(body.readableEnded).toBe(true);
  });

  it("destroys the body when the reader stops before the terminal event", async () => {
    const body = new PassThrough();
    const stream = streamOf(body);
    body.write("data: a\n\n");
    for await (const _chunk of stream) break;
    expect(body.destroyed).toBe(true);
    expect(body.readableEnded).toBe(false);
  });

  it("reads any other async iterable through its iterator", async () => {
    async function* body() {
      yield Buffer.from("data: a\n\nda");
      yield Buffer.from("ta: b\n\n");
      throw new Error("other side closed");
    }
    expect(texts(await collect(streamOf(body())))).toEqual(["a", "b", "error"]);
  });

  it("reads the rest of an iterated body after the terminal event, and lets it go at once before", async () => {
    const whole = recordedBody(["data: a\n\n", "data: [DONE]\n\n", ": trailing comment\n\n", ""]);
    expect(texts(await collect(streamOf(whole.body)))).toEqual(["a"]);
    const early = recordedBody(["data: a\n\n", "data: b\n\n", "data: [DONE]\n\n"]);
    for await (const _chunk of streamOf(early.body)) break;
    await flush();
    expect(whole.seen).toEqual({ reads: 4, returned: false, ended: true });
    expect(early.seen).toEqual({ reads: 1, returned: true, ended: false });
  });

  it("joins the chunks of one read that carry no passthrough; passthrough chunks stay one per event", async () => {
    const reads = () => recordedBody(["data: a\n\nda", "ta: b\n\ndata: c\n\n", "data: d\n\n"]).body;
    const chunksOf = async (decoder: EchoDecoder) =>
      (await collect(streamOf(reads(), decoder))).map((chunk) => texts([chunk]));
    expect(await chunksOf(new EchoDecoder())).toEqual([["a"], ["b", "c"], ["d"], ["(cut)"]]);
    expect(await chunksOf(new EchoDecoder(true))).toEqual([["a"], ["b"], ["c"], ["d"], ["(cut)"]]);
  });

  it("puts the events a decoder holds back before a broken connection's error", async () => {
    async function* body() {
      yield Buffer.from("data: a\n\n");
      throw new Error("other side closed");
    }
    const decoder = Object.assign(new EchoDecoder(), {
      heldEvents: (): StreamEvent[] => [{ type: "text-delta", choiceIndex: 0, text: "(held)" }],
    });
    expect(texts(await collect(streamOf(body(), decoder)))).toEqual(["a", "(held)", "error"]);
  });

  it("refuses a body that sends more than the bound without completing an event, and stops reading it", async () => {
    const piece = "x".repeat(64 * 1024);
    const pieces = Math.ceil(MAX_CHARS_WITHOUT_ITEM / piece.length) + 8;
    const { body, seen } = recordedBody(["data: a\n\n", "data: ", ...Array.from({ length: pieces }, () => piece)]);
    const chunks = await collect(streamOf(body));
    expect(texts(chunks)).toEqual(["a", "error"]);
    const failure = chunks.at(-1)?.events.at(-1);
    expect(failure?.type === "error" && failure.error.code).toBe("upstream_bad_response");
    expect(failure?.type === "error" && failure.error.message).toMatch(/more than 32 MiB of text in one event/);
    expect(seen.returned).toBe(true);
    expect(seen.reads).toBeLessThan(pieces + 2);
  });

  it("lets many events through whatever their total size, and one large event under the bound", async () => {
    const large = "y".repeat(4 * 1024 * 1024);
    const small = Array.from({ length: 600 }, () => `data: ${"z".repeat(64 * 1024)}\n\n`);
    const { body } = recordedBody([...small, `data: ${large}\n\n`, "data: [DONE]\n\n"]);
    const chunks = await collect(streamOf(body));
    const lengths = texts(chunks).map((text) => text.length);
    expect(lengths).toHaveLength(601);
    expect(lengths.at(-1)).toBe(large.length);
  });
});
