import { GatewayError } from "../../contract/errors.js";
import type { AnthropicErrorBody, AnthropicErrorObject } from "./wire-types.js";

type Headers = Record<string, string | string[] | undefined>;

/** Anthropic's error types with the status each comes with and the OpenAI error type clients know. */
const ERROR_TYPES: Record<string, { status: number; openAIType: string }> = {
  invalid_request_error: { status: 400, openAIType: "invalid_request_error" },
  authentication_error: { status: 401, openAIType: "authentication_error" },
  billing_error: { status: 402, openAIType: "insufficient_quota" },
  permission_error: { status: 403, openAIType: "permission_error" },
  not_found_error: { status: 404, openAIType: "invalid_request_error" },
  request_too_large: { status: 413, openAIType: "invalid_request_error" },
  rate_limit_error: { status: 429, openAIType: "rate_limit_error" },
  api_error: { status: 500, openAIType: "server_error" },
  timeout_error: { status: 504, openAIType: "timeout_error" },
  overloaded_error: { status: 529, openAIType: "server_error" },
};

/** Turns an Anthropic error answer (`{"type":"error","error":{type,message},"request_id"}`) into a gateway error. */
export function fromAnthropicErrorResponse(
  status: number,
  bodyText: string,
  provider: string,
  headers: Headers,
): GatewayError {
  let error: AnthropicErrorObject = {};
  let bodyRequestId: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as Partial<AnthropicErrorBody> | null;
    if (parsed && typeof parsed.error === "object" && parsed.error !== null) error = parsed.error;
    if (typeof parsed?.request_id === "string") bodyRequestId = parsed.request_id;
  } catch {
    // A proxy in front of the API (Cloudflare's 413, a load balancer's 502) may answer in HTML.
    error = { message: bodyText.slice(0, 500) || undefined };
  }
  return fromAnthropicErrorObject(error, status, provider, headers, bodyRequestId);
}

/** Also used for the in-stream `event: error`, where the status comes from the error type. */
export function fromAnthropicErrorObject(
  error: AnthropicErrorObject,
  status: number | undefined,
  provider: string,
  headers: Headers = {},
  bodyRequestId?: string,
): GatewayError {
  const known = error.type ? ERROR_TYPES[error.type] : undefined;
  const effectiveStatus = status ?? known?.status ?? 502;
  const retryAfter = Number(firstHeader(headers, "retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
  const message = error.message || `Provider "${provider}" answered with status ${effectiveStatus}.`;
  return new GatewayError("upstream_error", message, {
    status: effectiveStatus,
    type: known?.openAIType ?? (effectiveStatus >= 500 ? "server_error" : "invalid_request_error"),
    retryable: isRetryable(effectiveStatus, firstHeader(headers, "x-should-retry")),
    upstream: {
      provider,
      status: effectiveStatus,
      requestId: firstHeader(headers, "request-id") ?? bodyRequestId,
      code: error.type ?? null,
      retryAfterSeconds,
    },
    headers: retryAfterSeconds === undefined ? undefined : { "retry-after": String(retryAfterSeconds) },
  });
}

/** The SDK's policy: 408, 409, 429 and every 5xx (529 overloaded included), unless the API says otherwise. */
function isRetryable(status: number, shouldRetry: string | undefined): boolean {
  if (shouldRetry === "true") return true;
  if (shouldRetry === "false") return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export function firstHeader(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
