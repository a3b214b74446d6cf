import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { describe, expect, it } from "vitest";
import {
  AwsEventStreamError,
  type AwsEventStreamMessage,
  readAwsEventStream,
  stringHeader,
} from "./read-aws-event-stream.js";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function frame(eventType: string, payload: unknown): Buffer {
  return Buffer.from(
    codec.encode({
      headers: {
        ":event-type": { type: "string", value: eventType },
        ":content-type": { type: "string", value: "application/json" },
        ":message-type": { type: "string", value: "event" },
      },
      body: fromUtf8(JSON.stringify(payload)),
    }),
  );
}

async function* reads(...chunks: Buffer[]): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield chunk;
}

/** Every batch as a list of `eventType:payload`, and the error that ended the stream, if any. */
async function collect(body: AsyncIterable<Buffer>): Promise<{ batches: string[][]; error?: AwsEventStreamError }> {
  const batches: string[][] = [];
  const describe = (message: AwsEventStreamMessage) =>
    `${stringHeader(message.headers, ":event-type")}:${toUtf8(message.body)}`;
  try {
    for await (const batch of readAwsEventStream(body)) batches.push(batch.map(describe));
  } catch (error) {
    if (error instanceof AwsEventStreamError) return { batches, error };
    throw error;
  }
  return { batches };
}

const start = frame("messageStart", { role: "assistant", p: "abcd" });
const delta = frame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hi ✓" }, p: "ab" });
const stop = frame("messageStop", { stopReason: "end_turn" });

function corruptMessageCrc(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
  return copy;
}

describe("readAwsEventStream", () => {
  it("decodes the worked example of providers.md 5.5 byte for byte", async () => {
    const hex =
      "0000009f00000057c37babff" +
      "0b3a6576656e742d747970650700116" +
      "36f6e74656e74426c6f636b44656c7461" +
      "0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e" +
      "0d3a6d6573736167652d747970650700056576656e74" +
      "7b22636f6e74656e74426c6f636b496e646578223a302c2264656c7461223a7b2274657874223a224869227d2c2270223a2261626364227d" +
      "f2ace5ff";
    const bytes = Buffer.from(hex, "hex");
    expect(bytes.length).toBe(159);
    const { batches, error } = await collect(reads(bytes));
    expect(error).toBeUndefined();
    expect(batches).toEqual([['contentBlockDelta:{"contentBlockIndex":0,"delta":{"text":"Hi"},"p":"abcd"}']]);
  });

  it.each([
    { name: "one read per frame", split: () => [start, delta, stop], batches: 3 },
    { name: "all frames in one read", split: (all: Buffer) => [all], batches: 1 },
    {
      name: "a read cut inside the prelude",
      split: (all: Buffer) => [all.subarray(0, 5), all.subarray(5)],
      batches: 1,
    },
    {
      name: "one byte per read",
      split: (all: Buffer) => [...all].map((byte) => Buffer.from([byte])),
      batches: 3,
    },
  ])("decodes frames with $name", async ({ split, batches: batchCount }) => {
    const all = Buffer.concat([start, delta, stop]);
    const { batches, error } = await collect(reads(...split(all)));
    expect(error).toBeUndefined();
    expect(batches).toHaveLength(batchCount);
    expect(batches.flat()).toEqual([
      'messageStart:{"role":"assistant","p":"abcd"}',
      'contentBlockDelta:{"contentBlockIndex":0,"delta":{"text":"Hi ✓"},"p":"ab"}',
      'messageStop:{"stopReason":"end_turn"}',
    ]);
  });

  it("yields the good frames of a read, then fails on a message CRC mismatch", async () => {
    const { batches, error } = await collect(reads(Buffer.concat([start, corruptMessageCrc(delta), stop])));
    expect(batches).toEqual([['messageStart:{"role":"assistant","p":"abcd"}']]);
    expect(error?.kind).toBe("corrupt");
    expect(error?.message).toMatch(/checksum/);
  });

  it("fails at once on a bad prelude CRC instead of waiting for the announced length", async () => {
    const bad = Buffer.from(start);
    bad.writeUInt32BE(0x7fffffff, 0);
    const never = (async function* () {
      yield bad.subarray(0, 12);
      await new Promise(() => {}); // a body that never ends: the decoder must not need more
    })();
    const { error } = await collect(never);
    expect(error?.kind).toBe("corrupt");
    expect(error?.message).toMatch(/prelude checksum/);
  });

  it("fails on a body that is not an event stream at all", async () => {
    const { batches, error } = await collect(reads(Buffer.from("<html><body>Bad gateway</body></html>")));
    expect(batches).toEqual([]);
    expect(error?.kind).toBe("corrupt");
  });

  it("reports a body that ends inside a message as truncated", async () => {
    const { batches, error } = await collect(reads(start, delta.subarray(0, 20)));
    expect(batches).toHaveLength(1);
    expect(error?.kind).toBe("truncated");
    expect(error?.message).toContain(`20 of ${delta.length} bytes`);
  });

  it("ends quietly on an empty body", async () => {
    expect(await collect(reads())).toEqual({ batches: [] });
  });
});
