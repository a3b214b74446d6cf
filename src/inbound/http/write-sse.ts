import type { GatewayError } from "../../spec/errors.js";
import type { StreamChunk } from "../../spec/stream-event.js";
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
 * Writes a stream to the client, one write per upstream read, waiting for the socket to drain
 * when the client reads slower than the upstream writes. An error event ends the stream. The
 * headers go out with the first chunk (the router has read it already): one write, not two.
 */
export async function writeSse(
  exchange: Exchange,
  chunks: AsyncIterable<StreamChunk>,
  encoder: StreamEncoder,
  headers: Record<string, string>,
  upstream: { ms: number; provider?: string },
): Promise<SseOutcome> {
  const { response } = exchange;
  response.writeHead(200, {
    ...headers,
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
    "x-request-id": exchange.requestId,
    "server-timing": serverTiming(performance.now() - exchange.startedAt, upstream.ms, upstream.provider),
  });
  let error: GatewayError | undefined;
  for await (const chunk of chunks) {
    const text = encoder.encode(chunk);
    if (text && !response.write(text)) await drained(exchange);
    // A first chunk with nothing to send (a role-only event): the client still gets its headers now.
    if (!response.headersSent) response.flushHeaders();
    if (response.destroyed) return { clientGone: true };
    const failure = chunk.events.find((event) => event.type === "error");
    if (failure?.type === "error") {
      error = failure.error;
      break;
    }
  }
  response.end(error ? undefined : encoder.end());
  return { error, clientGone: false };
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
