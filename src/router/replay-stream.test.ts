import { describe, expect, it } from "vitest";
import { collectChunks } from "../../test/support/collect-chunks.js";
import type { StreamChunk } from "../contract/stream-event.js";
import { replayStream } from "./replay-stream.js";

const chunk = (text: string): StreamChunk => ({ events: [{ type: "text-delta", choiceIndex: 0, text }] });
const texts = (chunks: StreamChunk[]) => chunks.map((item) => (item.events[0] as { text: string }).text);

function upstream(parts: string[], failAt?: number) {
  const seen = { returned: false };
  async function* rest() {
    try {
      for (const [index, part] of parts.entries()) {
        if (index === failAt) throw new Error("cut");
        yield chunk(part);
      }
    } finally {
      seen.returned = true;
    }
  }
  return { rest: rest(), seen };
}

describe("replayStream", () => {
  it("gives the held head, then the rest, and runs done once at the end", async () => {
    const { rest } = upstream(["c", "d"]);
    let doneCalls = 0;
    const stream = replayStream({ chunks: [chunk("a"), chunk("b")], done: false }, rest, () => doneCalls++);
    expect(texts(await collectChunks(stream))).toEqual(["a", "b", "c", "d"]);
    expect(doneCalls).toBe(1);
    expect((await stream.next()).done).toBe(true);
    expect(doneCalls).toBe(1);
  });

  it("does not read the rest when the head already held the end", async () => {
    const { rest, seen } = upstream(["never"]);
    let doneCalls = 0;
    const stream = replayStream({ chunks: [chunk("a")], done: true }, rest, () => doneCalls++);
    expect(texts(await collectChunks(stream))).toEqual(["a"]);
    expect(doneCalls).toBe(1);
    expect(seen.returned).toBe(false);
  });

  it("lets the rest go and runs done when the reader stops early", async () => {
    const { rest, seen } = upstream(["b", "c"]);
    let doneCalls = 0;
    const stream = replayStream({ chunks: [chunk("a")], done: false }, rest, () => doneCalls++);
    for await (const item of stream) {
      if (texts([item])[0] === "b") break;
    }
    expect(doneCalls).toBe(1);
    expect(seen.returned).toBe(true);
  });

  it("runs done when the rest fails, and passes the failure on", async () => {
    const { rest } = upstream(["b", "c"], 1);
    let doneCalls = 0;
    const stream = replayStream({ chunks: [], done: false }, rest, () => doneCalls++);
    await expect(collectChunks(stream)).rejects.toThrow("cut");
    expect(doneCalls).toBe(1);
  });
});
