import { describe, expect, it } from "vitest";
import { readSseEvents } from "./read-sse.js";

/** A body whose reads are recorded: how far it was read, and whether the reader let it go early. */
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

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("readSseEvents", () => {
  it("yields the events of each read as one batch, across split reads", async () => {
    const { body } = recordedBody(["data: a\n\nda", "ta: b\n\ndata: c\n", "\n"]);
    const batches: string[][] = [];
    for await (const batch of readSseEvents(body)) batches.push(batch.map((event) => event.data));
    expect(batches).toEqual([["a"], ["b"], ["c"]]);
  });

  it("reads the rest of the body after the terminal event instead of destroying it", async () => {
    const { body, seen } = recordedBody(["data: a\n\n", "data: [DONE]\n\n", ": trailing comment\n\n", ""]);
    let done = false;
    for await (const batch of readSseEvents(body, () => done)) {
      if (batch.some((event) => event.data === "[DONE]")) {
        done = true;
        break;
      }
    }
    await flush();
    expect(seen).toEqual({ reads: 4, returned: false, ended: true });
  });

  it("lets the body go at once when the reader stops before the terminal event", async () => {
    const { body, seen } = recordedBody(["data: a\n\n", "data: b\n\n", "data: [DONE]\n\n"]);
    for await (const _batch of readSseEvents(body, () => false)) break;
    await flush();
    expect(seen).toEqual({ reads: 1, returned: true, ended: false });
  });
});
