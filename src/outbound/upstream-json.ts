import { GatewayError } from "../contract/errors.js";
import type { AbortSource } from "./abort-scope.js";
import { toUpstreamError } from "./to-upstream-error.js";
import type { UpstreamClient, UpstreamResponse } from "./upstream-client.js";

/** Turns a provider's error answer into the gateway error clients see; one per provider. */
export type UpstreamErrorMapper = (
  status: number,
  bodyText: string,
  headers: Record<string, string | string[] | undefined>,
) => GatewayError;

/**
 * POSTs a JSON body. An error status is read whole and thrown through the provider's mapper,
 * so adapters only ever see successful responses.
 */
export async function postUpstreamJson(
  client: UpstreamClient,
  request: { path: string; headers: Record<string, string>; body: unknown; signal: AbortSource },
  toError: UpstreamErrorMapper,
): Promise<UpstreamResponse> {
  const response = await client.request({
    path: request.path,
    method: "POST",
    headers: Object.assign({}, request.headers, { "content-type": "application/json" }),
    body: typeof request.body === "string" ? request.body : JSON.stringify(request.body),
    signal: request.signal,
  });
  if (response.status >= 400) {
    throw toError(response.status, await readUpstreamText(response, client.provider, request.signal), response.headers);
  }
  return response;
}

/** The whole body as text; a connection that breaks meanwhile becomes the matching gateway error. */
export async function readUpstreamText(
  response: UpstreamResponse,
  provider: string,
  signal: AbortSource,
): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw toUpstreamError(error, provider, signal);
  }
}

/** Parses an upstream body; text that is not JSON is a bad response (502), never a crash. */
export function parseUpstreamJson<T>(provider: string, text: string): T | undefined {
  try {
    return JSON.parse(text) as T | undefined;
  } catch {
    throw badUpstreamResponse(provider, `a body that is not JSON: ${text.slice(0, 200)}`);
  }
}

export function badUpstreamResponse(provider: string, what: string): GatewayError {
  return new GatewayError("upstream_bad_response", `Provider "${provider}" answered with ${what}.`, {
    upstream: { provider },
  });
}

/**
 * Checks that a streamed answer has the content type the provider streams in (`expected` is
 * matched as a substring); anything else is read and refused as a bad response.
 */
export async function expectStreamContentType(
  response: UpstreamResponse,
  provider: string,
  signal: AbortSource,
  expected: string,
  what: string,
): Promise<void> {
  const header = response.headers["content-type"];
  const contentType = (Array.isArray(header) ? header[0] : header) ?? "";
  if (contentType.includes(expected)) return;
  const text = await readUpstreamText(response, provider, signal);
  throw badUpstreamResponse(provider, `content type "${contentType}" instead of ${what}: ${text.slice(0, 200)}`);
}
