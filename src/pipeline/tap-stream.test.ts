import { describe, expect, it } from "vitest";
import { testChatContext } from "../../test/support/chat-context.js";
import { collectChunks } from "../../test/support/collect-chunks.js";
import { GatewayError } from "../contract/errors.js";
import type { StreamChunk } from "../contract/stream-event.js";
import { PluginChain } from "./plugin-chain.js";
import { type StreamTap, tapStream } from "./tap-stream.js";

const context = () =>
  testChatContext({ request: { model: "m", messages: [], sampling: {}, stream: true, providerOptions: {} } });

const text = (value: string): StreamChunk => ({ events: [{ type: "text-delta", choiceIndex: 0, text: value }] });
const usage: StreamChunk = { events: [{ type: "usage", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 } }] };
const failure: StreamChunk = {
  events: [{ type: "error", error: new GatewayError("upstream_error", "broke") }],
};

/** A source stream that records whether it was let go. */
function source(chunks: StreamChunk[]) {
  const state = { returned: false };
  let index = 0;
  const iterator: AsyncIterableIterator<StreamChunk> = {
    [Symbol.asyncIterator]: () => iterator,
    next: async () =>
      index < chunks.length ? { done: false, value: chunks[index++]! } : { done: true, value: undefined },
    return: async () => {
      state.returned = true;
      return { done: true, value: undefined };
    },
  };
  return { iterator, state };
}

describe("tapStream", () => {
  it("passes chunks through, records usage and completion, then runs onStreamEnd with the answer", async () => {
    const ends: string[] = [];
    const chain = new PluginChain([
      {
        name: "end",
        onStreamEnd: (ctx) => {
          ends.push(JSON.stringify(ctx.response));
        },
      },
    ]);
    const tap: StreamTap = { completed: false };
    const ctx = context();
    const read = await collectChunks(tapStream(source([text("Hel"), text("lo"), usage]).iterator, ctx, chain, tap));
    expect(read).toEqual([text("Hel"), text("lo"), usage]);
    expect(tap.usage).toEqual({ inputTokens: 3, outputTokens: 2, totalTokens: 5 });
    expect(tap.completed).toBe(true);
    expect(tap.firstChunkAt).toBeTypeOf("number");
    expect(ends).toHaveLength(1);
    expect(ends[0]).toContain("Hello");
  });

  it("applies onStreamEvent hooks to each event", async () => {
    const chain = new PluginChain([
      {
        name: "upper",
        onStreamEvent: (_ctx, event) =>
          event.type === "text-delta" ? { ...event, text: event.text.toUpperCase() } : event,
      },
    ]);
    const read = await collectChunks(tapStream(source([text("hi")]).iterator, context(), chain, { completed: false }));
    expect(read).toEqual([text("HI")]);
  });

  it("ends after an error event and lets the upstream go, without marking the stream complete", async () => {
    const upstream = source([text("a"), failure, text("never")]);
    const tap: StreamTap = { completed: false };
    const read = await collectChunks(tapStream(upstream.iterator, context(), new PluginChain([]), tap));
    expect(read).toEqual([text("a"), failure]);
    expect(upstream.state.returned).toBe(true);
    expect(tap.completed).toBe(false);
  });

  it("lets the upstream go when the reader stops early", async () => {
    const upstream = source([text("a"), text("b")]);
    const stream = tapStream(upstream.iterator, context(), new PluginChain([]), { completed: false });
    for await (const _chunk of stream) break;
    expect(upstream.state.returned).toBe(true);
  });

  it("passes an upstream failure to the reader", async () => {
    const broken: AsyncIterable<StreamChunk> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error("reset")) }),
    };
    const tap: StreamTap = { completed: false };
    await expect(collectChunks(tapStream(broken, context(), new PluginChain([]), tap))).rejects.toThrow("reset");
    expect(tap.completed).toBe(false);
  });
});

describe("tapStream and message capture", () => {
  it("assembles the answer when asked after the stream was made but before it is read", async () => {
    const tap: StreamTap = { completed: false };
    const stream = tapStream(source([text("Hi")]).iterator, context(), new PluginChain([]), tap);
    tap.assembleResponse = true;
    await collectChunks(stream);
    expect(JSON.stringify(tap.assembler?.response())).toContain("Hi");
  });
});
