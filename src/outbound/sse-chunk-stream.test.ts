import { PassThrough, Readable } from "node:stream";
import type { EventSourceMessage } from "eventsource-parser";
import { describe, expect, it } from "vitest";
import type { StreamChunk } from "../spec/stream-event.js";
import { type SseChunkDecoder, SseChunkStream } from "./sse-chunk-stream.js";

/** A decoder that passes each message's data on as a text delta and ends at "[DONE]". */
class EchoDecoder implements SseChunkDecoder {
  ended = false;
  complete = false;

  decode(message: EventSourceMessage): StreamChunk | undefined {
    if (message.data === "[DONE]") {
      this.ended = this.complete = true;
      return undefined;
    }
    return { events: [{ type: "text-delta", choiceIndex: 0, text: message.data }] };
  }

  cut(): StreamChunk | undefined {
    return { events: [{ type: "text-delta", choiceIndex: 0, text: "(cut)" }] };
  }
}

const texts = (chunks: StreamChunk[]) =>
  chunks.flatMap((chunk) => chunk.events.map((event) => (event.type === "text-delta" ? event.text : event.type)));

function streamOf(body: AsyncIterable<Buffer>): SseChunkStream {
  return new SseChunkStream(body, new EchoDecoder(), "p", new AbortController().signal);
}

async function collect(stream: SseChunkStream): Promise<StreamChunk[]> {
  const chunks: StreamChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("SseChunkStream", () => {
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
});
