// Google front-end response plumbing: pretty-printed JSON bodies and the headers Google's servers send.
import type { Exchange } from "../mock-openai/http-io.js";
import type { JsonObject } from "./wire.js";

export type { Exchange } from "../mock-openai/http-io.js";
export { readBody, runStreamSteps, type StreamStep, sleep } from "../mock-openai/http-io.js";

/** Headers of every Google API answer (no request-id or rate-limit headers). */
export function googleHeaders(startedAt: number): Record<string, string> {
  return {
    vary: "Origin, X-Origin, Referer",
    server: "scaffolding on HTTPServer2",
    "x-xss-protection": "0",
    "x-frame-options": "SAMEORIGIN",
    "x-content-type-options": "nosniff",
    "server-timing": `gfet4t7; dur=${Date.now() - startedAt}`,
  };
}

/** Google pretty-prints JSON answers with two spaces. */
export function sendGoogleJson(exchange: Exchange, status: number, body: JsonObject | string): void {
  const { response } = exchange;
  if (response.destroyed) return;
  const text = typeof body === "string" ? body : `${JSON.stringify(body, null, 2)}\n`;
  response.writeHead(status, {
    ...exchange.responseHeaders(),
    "content-type": "application/json; charset=UTF-8",
    "content-length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}

export function startGoogleStream(exchange: Exchange, contentType: string): void {
  const { response } = exchange;
  if (response.destroyed) return;
  response.writeHead(200, {
    ...exchange.responseHeaders(),
    "content-type": contentType,
    "content-disposition": "attachment",
  });
  response.flushHeaders();
}
