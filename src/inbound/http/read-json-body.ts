import type { IncomingMessage } from "node:http";
import type { Readable, Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { GatewayError } from "../../contract/errors.js";
import type { Exchange } from "./exchange.js";

/**
 * Reads a JSON request body within the configured size limit, decompressing gzip, deflate and
 * br bodies (the limit applies to the decompressed size). Refuses other content types and
 * encodings (415), bodies over the limit (413) and malformed JSON or compression (400).
 */
export async function readJsonBody(exchange: Exchange): Promise<unknown> {
  const { request } = exchange;
  const contentType = request.headers["content-type"] ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw await afterDiscarding(
      request,
      new GatewayError(
        "unsupported_media_type",
        `Content-Type must be application/json${contentType ? `, not ${contentType}` : " (none was sent)"}.`,
      ),
    );
  }
  const limit = exchange.runtime.bodyLimit;
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw await afterDiscarding(request, tooLarge(limit));
  let decoder: Transform | undefined;
  try {
    decoder = decoderFor(request.headers["content-encoding"]);
  } catch (error) {
    throw await afterDiscarding(request, error);
  }
  const body = await readBody(request, decoder, limit);
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
function readBody(request: IncomingMessage, decoder: Transform | undefined, limit: number): Promise<Buffer> {
  const source: Readable = decoder ? request.pipe(decoder) : request;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      source.off("data", onData);
      source.off("end", onEnd);
      request.off("error", onRequestError);
      request.off("close", onClose);
      if (decoder) {
        decoder.off("error", onDecoderError);
        request.unpipe(decoder);
        decoder.destroy();
      }
    };
    const refuse = (error: GatewayError): void => {
      stop();
      afterDiscarding(request, error).then(reject);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else refuse(tooLarge(limit));
    };
    const onEnd = (): void => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onDecoderError = (error: Error): void => {
      refuse(new GatewayError("invalid_request", `The request body could not be decompressed: ${error.message}`));
    };
    const onRequestError = (error: Error): void => {
      stop();
      reject(error);
    };
    const onClose = (): void => {
      // A decompressed body may still be flushing after the request itself completed.
      if (request.complete && decoder) return;
      stop();
      reject(new Error("The client closed the connection before the request body ended."));
    };
    source.on("data", onData);
    source.on("end", onEnd);
    decoder?.on("error", onDecoderError);
    request.on("error", onRequestError);
    request.on("close", onClose);
  });
}

/** A decompressor for the body's Content-Encoding, or none for an uncompressed body. */
function decoderFor(encoding: string | undefined): Transform | undefined {
  const name = encoding?.trim().toLowerCase();
  if (name === undefined || name === "" || name === "identity") return undefined;
  if (name === "gzip" || name === "x-gzip") return createGunzip();
  if (name === "deflate") return createInflate();
  if (name === "br") return createBrotliDecompress();
  throw new GatewayError(
    "unsupported_media_type",
    `Content-Encoding ${encoding} is not supported; send the body uncompressed, or as gzip, deflate or br.`,
  );
}

/** How much of a refused body is read and dropped, at most, before the refusal is sent. */
const DISCARD_BYTES = 64 * 1024 * 1024;
const DISCARD_MS = 5_000;

/**
 * Reads and drops the rest of a refused body, then hands back the error to answer with, so the
 * client finishes sending before the answer closes the connection: unread bytes in the socket
 * turn the close into a reset, and the client sees EPIPE instead of the answer. Bounded, so a
 * client that never stops cannot hold the request; past the bound the answer goes out anyway.
 */
function afterDiscarding(request: IncomingMessage, error: unknown): Promise<unknown> {
  if (request.readableEnded || request.destroyed) return Promise.resolve(error);
  return new Promise((resolve) => {
    let dropped = 0;
    const done = (): void => {
      clearTimeout(timer);
      request.off("data", onData);
      request.off("end", done);
      request.off("error", done);
      request.off("close", done);
      resolve(error);
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
  // Past the discard bound the rest of the body is still unread; closing keeps it from being read
  // as the next request on the connection.
  return new GatewayError("request_too_large", `The request body is larger than the limit of ${limit} bytes.`, {
    headers: { connection: "close" },
  });
}
