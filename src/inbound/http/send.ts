import { GatewayError, isGatewayError } from "../../contract/errors.js";
import type { Exchange } from "./exchange.js";
import { serverTiming } from "./server-timing.js";

/** Sends a complete JSON answer with the gateway's standard headers. */
export function sendJson(
  exchange: Exchange,
  status: number,
  body: string,
  extraHeaders: Record<string, string> = {},
  upstream: { ms: number; provider?: string } = { ms: 0 },
): void {
  const { response } = exchange;
  if (response.headersSent || response.destroyed) return;
  // Object.assign, not `{ ...extraHeaders, more }`: see DEVELOPERS.md, "The request path".
  response.writeHead(
    status,
    Object.assign({}, extraHeaders, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "x-request-id": exchange.requestId,
      "server-timing": serverTiming(performance.now() - exchange.startedAt, upstream.ms, upstream.provider),
    }),
  );
  response.end(body);
}

/** Errors in a dialect's own shape; the encoder is chosen by the route. */
export type ErrorBodyEncoder = (error: GatewayError) => Record<string, unknown>;

export function sendError(
  exchange: Exchange,
  error: GatewayError,
  encode: ErrorBodyEncoder,
  pluginHeaders: Record<string, string> = {},
): void {
  const headers: Record<string, string> = Object.assign({}, pluginHeaders, error.headers);
  if (error.upstream?.requestId) headers["x-switchyard-upstream-request-id"] = error.upstream.requestId;
  sendJson(exchange, error.status, JSON.stringify(encode(error)), headers);
}

/** Anything that is not a GatewayError is a bug: the client gets a 500 without details. */
export function asGatewayError(error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  return new GatewayError("internal_error", "The gateway failed to handle this request.", { cause: error });
}
