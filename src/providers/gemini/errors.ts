import { GatewayError } from "../../contract/errors.js";
import type { GeminiErrorObject } from "./wire-types.js";

const RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo";
const ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";

/**
 * Turns a Gemini error answer (`{"error":{"code","message","status","details"}}`, sometimes
 * wrapped in a one-element array by the streaming endpoint) into a gateway error.
 */
export function fromGeminiErrorResponse(status: number, bodyText: string, provider: string): GatewayError {
  let error: GeminiErrorObject = {};
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    const candidate = (first as { error?: unknown } | null)?.error;
    if (candidate && typeof candidate === "object") error = candidate as GeminiErrorObject;
    else if (typeof candidate === "string") error = { message: candidate };
  } catch {
    error = { message: bodyText.slice(0, 500) || undefined };
  }
  return fromGeminiErrorObject(error, status, provider);
}

/** Also used for an error that arrives inside a stream, where the HTTP status is already 200. */
export function fromGeminiErrorObject(error: GeminiErrorObject, status: number, provider: string): GatewayError {
  const retryAfterSeconds = retryDelaySeconds(error);
  const reason = errorInfoReason(error);
  return new GatewayError("upstream_error", error.message || `Provider "${provider}" answered with status ${status}.`, {
    status,
    type: errorType(status, reason),
    retryable: status === 408 || status === 409 || status === 429 || status >= 500,
    upstream: { provider, status, code: error.status ?? null, retryAfterSeconds },
    headers: retryAfterSeconds === undefined ? undefined : { "retry-after": String(retryAfterSeconds) },
  });
}

/** OpenAI-style error type; Gemini reports a bad key as 400 INVALID_ARGUMENT, told apart by its ErrorInfo reason. */
function errorType(status: number, reason: string | undefined): string {
  if (reason === "API_KEY_INVALID") return "authentication_error";
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  return status >= 500 ? "server_error" : "invalid_request_error";
}

function errorInfoReason(error: GeminiErrorObject): string | undefined {
  const info = error.details?.find((detail) => detail["@type"] === ERROR_INFO_TYPE);
  return typeof info?.reason === "string" ? info.reason : undefined;
}

/** RetryInfo.retryDelay is a protobuf Duration ("37s", "0.5s"); rounded up to whole seconds for retry-after. */
function retryDelaySeconds(error: GeminiErrorObject): number | undefined {
  const info = error.details?.find((detail) => detail["@type"] === RETRY_INFO_TYPE);
  const delay = info?.retryDelay;
  if (typeof delay !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
  return match?.[1] === undefined ? undefined : Math.ceil(Number(match[1]));
}
