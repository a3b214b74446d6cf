import type { ServerResponse } from "node:http";
import type { GatewayError } from "../../contract/errors.js";
import type { StreamChunk } from "../../contract/stream-event.js";
import type { Exchange } from "./exchange.js";
import { serverTiming } from "./server-timing.js";

/** Turns canonical chunks into one dialect's SSE text. */
export interface StreamEncoder {
  encode(chunk: StreamChunk): string;
  end(): string;
  error(error: GatewayError): string;
}

export interface SseOutcome {
  /** Whether the stream ended with an in-band error. */
  error?: GatewayError;
  /** Whether the client went away before the end. */
  clientGone: boolean;
}

/**
 * Writes a stream to the client, waiting for the socket to drain when the client reads slower
 * than the upstream writes. An error event ends the stream. The headers go out with the first
 * chunk (the router has read it already): one write, not two. After that, the chunks that are
 * ready at once (the events of one upstream read) leave as one write, so as one HTTP chunk: the
 * client parses one chunk instead of one per event, and SSE does not care where chunks end.
 */
export async function writeSse(
  exchange: Exchange,
  chunks: AsyncIterable<StreamChunk>,
  encoder: StreamEncoder,
  headers: Record<string, string>,
  upstream: { ms: number; provider?: string },
): Promise<SseOutcome> {
  const { response } = exchange;
  response.writeHead(
    200,
    Object.assign({}, headers, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-request-id": exchange.requestId,
      "server-timing": serverTiming(performance.now() - exchange.startedAt, upstream.ms, upstream.provider),
    }),
  );
  const output = new BatchedWrites(response);
  let error: GatewayError | undefined;
  for await (const chunk of chunks) {
    output.add(encoder.encode(chunk));
    if (response.destroyed) return { clientGone: true };
    if (response.writableNeedDrain) await drained(exchange);
    const failure = chunk.events.find((event) => event.type === "error");
    if (failure?.type === "error") {
      error = failure.error;
      break;
    }
  }
  output.end(error ? "" : encoder.end());
  return { error, clientGone: false };
}

/**
 * The first chunk goes out at once, with the headers, so the client sees the answer begin
 * without waiting. After it, the text added while chunks keep coming without a wait is joined
 * and written once they stop: the flush is a nextTick, which runs after the microtasks that
 * hand over the ready chunks.
 */
class BatchedWrites {
  private pending = "";
  private flushQueued = false;
  /** Whether the first chunk went out. `headersSent` cannot tell: it is true from writeHead on. */
  private started = false;

  constructor(private readonly response: ServerResponse) {}

  add(text: string): void {
    if (!this.started) {
      this.started = true;
      // A first chunk with nothing to send (a role-only event): the client still gets its headers now.
      if (text) this.response.write(text);
      else this.response.flushHeaders();
      return;
    }
    this.pending += text;
    if (this.flushQueued) return;
    this.flushQueued = true;
    process.nextTick(this.flush);
  }

  end(text: string): void {
    const rest = this.pending + text;
    this.pending = "";
    this.response.end(rest);
  }

  private readonly flush = (): void => {
    this.flushQueued = false;
    const { response } = this;
    if (response.writableEnded || response.destroyed || !this.pending) return;
    const text = this.pending;
    this.pending = "";
    response.write(text);
  };
}

function drained(exchange: Exchange): Promise<void> {
  // A response already closed will emit neither "drain" nor "close" again.
  if (exchange.response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      exchange.response.off("drain", done);
      exchange.response.off("close", done);
      resolve();
    };
    exchange.response.once("drain", done);
    exchange.response.once("close", done);
  });
}
