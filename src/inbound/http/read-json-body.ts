import type { IncomingMessage } from "node:http";
import { GatewayError } from "../../contract/errors.js";
import type { Exchange } from "./exchange.js";

/**
 * Reads a JSON request body within the configured size limit. Refuses other content types
 * (415), bodies over the limit (413, without reading them whole) and malformed JSON (400).
 */
export async function readJsonBody(exchange: Exchange): Promise<unknown> {
  const { request } = exchange;
  const contentType = request.headers["content-type"] ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new GatewayError(
      "unsupported_media_type",
      `Content-Type must be application/json${contentType ? `, not ${contentType}` : " (none was sent)"}.`,
    );
  }
  const limit = exchange.runtime.bodyLimit;
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    await discardRest(request);
    throw tooLarge(limit);
  }
  const body = await readBody(request, limit);
  const text = body.toString("utf8");
  if (text.trim() === "") throw new GatewayError("invalid_json", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "";
    throw new GatewayError("invalid_json", `The request body is not valid JSON: ${detail}`);
  }
}

/**
 * The body's bytes, read with plain listeners rather than `for await`: the async iterator costs
 * a generator and `finished`'s seven listeners per request, which stay on the request for as long
 * as a stream answers it. Over the limit the rest is read and dropped before the refusal.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("close", onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      stop();
      discardRest(request).then(() => reject(tooLarge(limit)));
    };
    const onEnd = (): void => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    const onClose = (): void => {
      stop();
      reject(new Error("The client closed the connection before the request body ended."));
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
    request.on("close", onClose);
  });
}

/** How much of an oversized body is read and dropped, at most, before the 413 is sent. */
const DISCARD_BYTES = 64 * 1024 * 1024;
const DISCARD_MS = 5_000;

/**
 * Reads and drops the rest of a body, so the client finishes sending before the 413 answer
 * closes the connection: unread bytes in the socket turn the close into a reset, and the client
 * sees EPIPE instead of the answer. Bounded, so a client that never stops cannot hold the
 * request; past the bound the answer goes out anyway.
 */
function discardRest(request: IncomingMessage): Promise<void> {
  if (request.readableEnded || request.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let dropped = 0;
    const done = (): void => {
      clearTimeout(timer);
      request.off("data", onData);
      request.off("end", done);
      request.off("error", done);
      request.off("close", done);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      dropped += chunk.length;
      if (dropped > DISCARD_BYTES) done();
    };
    const timer = setTimeout(done, DISCARD_MS);
    request.on("data", onData);
    request.on("end", done);
    request.on("error", done);
    request.on("close", done);
    request.resume();
  });
}

function tooLarge(limit: number): GatewayError {
  // Closing the connection spares reading the rest of an oversized body.
  return new GatewayError("request_too_large", `The request body is larger than the limit of ${limit} bytes.`, {
    headers: { connection: "close" },
  });
}
