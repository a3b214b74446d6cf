import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { isGatewayError } from "../../contract/errors.js";
import type { Exchange } from "./exchange.js";
import { readJsonBody } from "./read-json-body.js";

const LIMIT = 64;
let server: Server | undefined;
/** What the last readJsonBody settled with: its value, or its error. */
let settled: Promise<{ value?: unknown; error?: unknown }>;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A server whose handler reads the body with readJsonBody and answers with the status it earned. */
async function listen(): Promise<number> {
  const listening = createServer((request, response) => {
    const exchange = { request, runtime: { bodyLimit: LIMIT } } as unknown as Exchange;
    settled = readJsonBody(exchange).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    void settled.then(({ value, error }) => {
      const status = error === undefined ? 200 : isGatewayError(error) ? error.status : 500;
      response.writeHead(status, error === undefined ? {} : (isGatewayError(error) && error.headers) || {});
      response.end(JSON.stringify(value ?? null));
    });
  });
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  return (listening.address() as AddressInfo).port;
}

/** Sends `parts` as a chunked body, one write each, and resolves with the response. */
function send(
  port: number,
  parts: Array<string | Buffer>,
  headers: Record<string, string> = {},
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { port, method: "POST", headers: { "content-type": "application/json", ...headers } },
      resolve,
    );
    outgoing.on("error", reject);
    for (const part of parts) outgoing.write(part);
    outgoing.end();
  });
}

describe("readJsonBody", () => {
  it("joins a body sent in several chunks", async () => {
    const port = await listen();
    const response = await send(port, ['{"model":', '"m",', '"n":1}']);
    expect(response.statusCode).toBe(200);
    expect((await settled).value).toEqual({ model: "m", n: 1 });
  });

  it("stops at the limit for a chunked body and still answers 413, closing the connection", async () => {
    const port = await listen();
    const response = await send(port, [`{"text":"${"x".repeat(40)}`, `${"y".repeat(40)}"}`]);
    expect(response.statusCode).toBe(413);
    expect(response.headers.connection).toBe("close");
    const { error } = await settled;
    expect(isGatewayError(error) && error.code).toBe("request_too_large");
  });

  it("still answers 413 when much more than the limit is on its way", async () => {
    const port = await listen();
    const parts = Array.from({ length: 64 }, () => "x".repeat(32 * 1024));
    const response = await send(port, ['{"text":"', ...parts, '"}']);
    expect(response.statusCode).toBe(413);
  });

  it("refuses an empty body and malformed JSON as invalid_json", async () => {
    const port = await listen();
    expect((await send(port, [])).statusCode).toBe(400);
    const { error: empty } = await settled;
    expect(isGatewayError(empty) && empty.message).toMatch(/empty/);
    expect((await send(port, ['{"model":'])).statusCode).toBe(400);
    const { error: malformed } = await settled;
    expect(isGatewayError(malformed) && malformed.code).toBe("invalid_json");
  });

  it("rejects when the client goes away before the body ends", async () => {
    const port = await listen();
    const outgoing = httpRequest({ port, method: "POST", headers: { "content-type": "application/json" } });
    outgoing.on("error", () => {});
    outgoing.write('{"model":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    outgoing.destroy();
    const { error } = await settled;
    expect(error).toBeInstanceOf(Error);
    expect(isGatewayError(error)).toBe(false);
  });

  it("decompresses gzip, deflate and br bodies", async () => {
    const port = await listen();
    const json = '{"model":"m"}';
    const encoded = { gzip: gzipSync(json), deflate: deflateSync(json), br: brotliCompressSync(json) };
    for (const [encoding, bytes] of Object.entries(encoded)) {
      const response = await send(port, [bytes], { "content-encoding": encoding });
      expect(response.statusCode, encoding).toBe(200);
      expect((await settled).value).toEqual({ model: "m" });
    }
  });

  it("applies the limit to the decompressed size", async () => {
    const port = await listen();
    const response = await send(port, [gzipSync(`{"text":"${"x".repeat(10_000)}"}`)], { "content-encoding": "gzip" });
    expect(response.statusCode).toBe(413);
  });

  it("refuses an unknown encoding with 415 and a corrupt one with 400", async () => {
    const port = await listen();
    expect((await send(port, ['{"model":"m"}'], { "content-encoding": "zstd" })).statusCode).toBe(415);
    const { error: unknown } = await settled;
    expect(isGatewayError(unknown) && unknown.message).toMatch(/zstd is not supported/);
    expect((await send(port, ['{"model":"m"}'], { "content-encoding": "gzip" })).statusCode).toBe(400);
    const { error: corrupt } = await settled;
    expect(isGatewayError(corrupt) && corrupt.message).toMatch(/could not be decompressed/);
  });
});
