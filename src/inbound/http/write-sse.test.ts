import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { StreamChunk } from "../../contract/stream-event.js";
import type { Exchange } from "./exchange.js";
import { type StreamEncoder, writeSse } from "./write-sse.js";

const textChunk = (text: string): StreamChunk => ({ events: [{ type: "text-delta", choiceIndex: 0, text }] });

/** Encodes each text delta and error as one SSE event; other events encode to nothing. */
const encoder: StreamEncoder = {
  encode: (chunk) =>
    chunk.events
      .map((event) =>
        event.type === "text-delta" ? `data: ${event.text}\n\n` : event.type === "error" ? "data: error\n\n" : "",
      )
      .join(""),
  end: () => "data: [DONE]\n\n",
  error: () => "data: error\n\n",
};

const servers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/**
 * Serves one stream through writeSse and reads it as a client. Returns the body, and the text
 * of each `response.write` the stream made (each write is one HTTP chunk on the wire).
 */
async function serve(chunks: AsyncIterable<StreamChunk>, onHeaders?: (response: IncomingMessage) => void) {
  const writes: string[] = [];
  const server = createServer((_request, response: ServerResponse) => {
    const write = response.write.bind(response) as (text: string) => boolean;
    response.write = ((text: string) => {
      writes.push(text);
      return write(text);
    }) as ServerResponse["write"];
    const exchange = { response, requestId: "req-1", startedAt: performance.now() } as unknown as Exchange;
    void writeSse(exchange, chunks, encoder, {}, { ms: 0 });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const body = await new Promise<string>((resolve, reject) => {
    httpRequest({ port, host: "127.0.0.1" }, (response) => {
      onHeaders?.(response);
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (part: string) => (text += part));
      response.on("end", () => resolve(text));
    })
      .on("error", reject)
      .end();
  });
  return { body, writes };
}

describe("writeSse", () => {
  it("sends the first chunk at once, then the chunks ready together as one write", async () => {
    const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
    async function* chunks() {
      yield textChunk("a");
      yield textChunk("b");
      yield textChunk("c");
      await pause();
      yield textChunk("d");
      await pause();
      yield textChunk("e");
    }
    const { body, writes } = await serve(chunks());
    // "e" leaves with the end of the response.
    expect(writes).toEqual(["data: a\n\n", "data: b\n\ndata: c\n\n", "data: d\n\n"]);
    expect(body).toBe("data: a\n\ndata: b\n\ndata: c\n\ndata: d\n\ndata: e\n\ndata: [DONE]\n\n");
  });

  it("sends the headers at once when the first chunk has nothing to write", async () => {
    let headersArrived = false;
    let release: () => void = () => {};
    const later = new Promise<void>((resolve) => (release = resolve));
    async function* chunks() {
      yield { events: [] } satisfies StreamChunk;
      await later;
      yield textChunk("a");
    }
    const reading = serve(chunks(), () => {
      headersArrived = true;
      release();
    });
    const { body } = await reading;
    expect(headersArrived).toBe(true);
    expect(body).toBe("data: a\n\ndata: [DONE]\n\n");
  });

  it("ends with an in-band error and what was still waiting to be written", async () => {
    async function* chunks() {
      yield textChunk("a");
      yield {
        events: [{ type: "error", error: { code: "upstream_error" } }],
      } as unknown as StreamChunk;
      yield textChunk("never");
    }
    const { body } = await serve(chunks());
    expect(body).toBe("data: a\n\ndata: error\n\n");
  });
});
