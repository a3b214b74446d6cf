import { GatewayError } from "../../spec/errors.js";
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
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new GatewayError("invalid_json", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "";
    throw new GatewayError("invalid_json", `The request body is not valid JSON: ${detail}`);
  }
}

function tooLarge(limit: number): GatewayError {
  // Closing the connection spares reading the rest of an oversized body.
  return new GatewayError("request_too_large", `The request body is larger than the limit of ${limit} bytes.`, {
    headers: { connection: "close" },
  });
}
