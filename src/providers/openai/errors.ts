import { GatewayError } from "../../contract/errors.js";
import type { OpenAIErrorBody } from "./wire-types.js";

/** Turns an OpenAI-format error answer (also Azure's and most compatible vendors') into a gateway error. */
export function fromOpenAIErrorResponse(
  status: number,
  bodyText: string,
  provider: string,
  headers: Record<string, string | string[] | undefined>,
): GatewayError {
  let error: OpenAIErrorBody["error"] = {};
  try {
    const parsed = JSON.parse(bodyText) as Partial<OpenAIErrorBody> & { message?: string };
    if (parsed && typeof parsed.error === "object" && parsed.error !== null) error = parsed.error;
    else if (parsed && typeof parsed.error === "string") error = { message: parsed.error };
    else if (parsed && typeof parsed.message === "string") error = { message: parsed.message };
  } catch {
    error = { message: bodyText.slice(0, 500) || undefined };
  }
  return fromOpenAIErrorObject(error, status, provider, headers);
}

export function fromOpenAIErrorObject(
  error: OpenAIErrorBody["error"],
  status: number,
  provider: string,
  headers: Record<string, string | string[] | undefined> = {},
): GatewayError {
  const requestId = firstHeader(headers, "x-request-id") ?? firstHeader(headers, "apim-request-id");
  const retryAfter = Number(firstHeader(headers, "retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
  const code = error.code === undefined || error.code === null ? null : String(error.code);
  return new GatewayError("upstream_error", error.message || `Provider "${provider}" answered with status ${status}.`, {
    status,
    type: error.type || (status >= 500 ? "server_error" : "invalid_request_error"),
    param: error.param ?? null,
    retryable: status === 408 || status === 409 || status === 429 || status >= 500,
    upstream: { provider, status, requestId, code, retryAfterSeconds },
    headers: retryAfterSeconds === undefined ? undefined : { "retry-after": String(retryAfterSeconds) },
  });
}

export function firstHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
