import { GatewayError } from "../../contract/errors.js";
import type { BedrockErrorBody } from "./wire-types.js";

type Headers = Record<string, string | string[] | undefined>;

/** Statuses of the exceptions a ConverseStream may send after HTTP 200 (named in camelCase there). */
const STREAM_EXCEPTION_STATUS: Readonly<Record<string, number>> = {
  validationexception: 400,
  accessdeniedexception: 403,
  resourcenotfoundexception: 404,
  modeltimeoutexception: 408,
  modelstreamerrorexception: 424,
  modelerrorexception: 424,
  throttlingexception: 429,
  modelnotreadyexception: 429,
  internalserverexception: 500,
  serviceunavailableexception: 503,
};

/**
 * Turns a Bedrock error answer into a gateway error: the status is kept, the exception name
 * (from `x-amzn-ErrorType: ThrottlingException:http://…`) becomes the upstream code.
 */
export function fromBedrockErrorResponse(
  status: number,
  bodyText: string,
  provider: string,
  headers: Headers,
): GatewayError {
  const errorType = firstHeader(headers, "x-amzn-errortype")?.split(":")[0] || undefined;
  let body: BedrockErrorBody = {};
  try {
    const parsed = JSON.parse(bodyText) as unknown;
    if (typeof parsed === "object" && parsed !== null) body = parsed as BedrockErrorBody;
  } catch {
    body = { message: bodyText.slice(0, 500) || undefined };
  }
  return bedrockError(status, errorType, errorMessage(body), provider, firstHeader(headers, "x-amzn-requestid"));
}

/** An exception frame (`:message-type: exception`) of a stream that already answered 200. */
export function fromBedrockStreamException(
  exceptionType: string,
  payloadText: string,
  provider: string,
  requestId: string | undefined,
): GatewayError {
  let body: BedrockErrorBody = {};
  try {
    body = JSON.parse(payloadText) as BedrockErrorBody;
  } catch {
    body = { message: payloadText.slice(0, 500) || undefined };
  }
  const status = STREAM_EXCEPTION_STATUS[exceptionType.toLowerCase()] ?? 500;
  const name = exceptionType.charAt(0).toUpperCase() + exceptionType.slice(1);
  return bedrockError(status, name, errorMessage(body ?? {}), provider, requestId);
}

function errorMessage(body: BedrockErrorBody): string | undefined {
  const message = body.message ?? body.Message;
  if (body.originalMessage && body.originalMessage !== message) {
    return `${message ?? "The model failed"} (${body.originalStatusCode ?? "?"}: ${body.originalMessage})`;
  }
  return message;
}

function bedrockError(
  status: number,
  errorType: string | undefined,
  message: string | undefined,
  provider: string,
  requestId: string | undefined,
): GatewayError {
  const fallback = `Provider "${provider}" answered with status ${status}${errorType ? ` (${errorType})` : ""}.`;
  return new GatewayError("upstream_error", message || fallback, {
    status,
    type: status === 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error",
    retryable: status === 408 || status === 429 || status >= 500,
    upstream: { provider, status, requestId, code: errorType ?? null },
  });
}

export function firstHeader(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
