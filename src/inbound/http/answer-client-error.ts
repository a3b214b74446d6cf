import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { GatewayError } from "../../contract/errors.js";
import { openAIErrorObject } from "../openai-chat/encode-error.js";

/** Node's parser errors the client can fix, and what to answer each with. */
const PARSER_ERRORS: Readonly<Record<string, () => GatewayError>> = {
  HPE_HEADER_OVERFLOW: () =>
    new GatewayError("headers_too_large", "The request's headers are larger than the gateway accepts."),
  ERR_HTTP_REQUEST_TIMEOUT: () =>
    new GatewayError("request_timeout", "The request did not arrive in time; send its headers and body promptly."),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: () =>
    new GatewayError("request_too_large", "The request's chunk extensions are larger than the gateway accepts."),
};

function rawAnswer(error: GatewayError): string {
  const body = JSON.stringify({ error: openAIErrorObject(error) });
  return (
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ""}\r\n` +
    "content-type: application/json\r\n" +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    "connection: close\r\n\r\n" +
    body
  );
}

/**
 * The server's `clientError` listener: a request Node's own parser refused (malformed request
 * line or headers, headers too large, too slow) gets OpenAI-style JSON, as every other refusal
 * does, instead of Node's empty body.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A client that went away, or one whose answer has already begun, gets nothing more.
  const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || answering?.headersSent) {
    socket.destroy();
    return;
  }
  const known = error.code ? PARSER_ERRORS[error.code] : undefined;
  const refusal =
    known?.() ??
    new GatewayError("invalid_request", "The request is not valid HTTP/1.1; the gateway could not parse it.");
  socket.end(rawAnswer(refusal));
}

/** The server's `checkExpectation` listener: any `Expect` but `100-continue` is refused in JSON. */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const refusal = new GatewayError(
    "expectation_failed",
    `The gateway cannot meet "Expect: ${request.headers.expect}"; only 100-continue is supported.`,
  );
  const body = JSON.stringify({ error: openAIErrorObject(refusal) });
  response.writeHead(refusal.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}
