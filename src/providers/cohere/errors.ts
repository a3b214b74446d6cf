import { GatewayError } from "../../contract/errors.js";
import type { CohereErrorBody } from "./wire-types.js";

type Headers = Record<string, string | string[] | undefined>;

/** Turns a Cohere error answer (`{"id","message"}` or `{"message"}`) into a gateway error keeping its status. */
export function fromCohereErrorResponse(
  status: number,
  bodyText: string,
  provider: string,
  headers: Headers,
): GatewayError {
  let message: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as CohereErrorBody | null;
    if (parsed && typeof parsed.message === "string") message = parsed.message;
  } catch {
    message = bodyText.slice(0, 500) || undefined;
  }
  return cohereUpstreamError(message, status, provider, headers);
}

export function cohereUpstreamError(
  message: string | undefined,
  status: number,
  provider: string,
  headers: Headers = {},
): GatewayError {
  const retryAfter = Number(firstHeader(headers, "retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
  return new GatewayError("upstream_error", message || `Provider "${provider}" answered with status ${status}.`, {
    status,
    // Cohere has no error type; the status says which OpenAI type fits.
    type: status >= 500 ? "server_error" : "invalid_request_error",
    retryable: status === 408 || status === 409 || status === 429 || status >= 500,
    upstream: { provider, status, requestId: cohereRequestId(headers), code: null, retryAfterSeconds },
    headers: retryAfterSeconds === undefined ? undefined : { "retry-after": String(retryAfterSeconds) },
  });
}

/** Cohere's trace header; x-request-id where a proxy in front of it sets one. */
export function cohereRequestId(headers: Headers): string | undefined {
  return firstHeader(headers, "x-debug-trace-id") ?? firstHeader(headers, "x-request-id");
}

export function firstHeader(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
