// Error answers shaped and worded like Anthropic's (providers.md 3.6):
// {"type":"error","error":{"type","message"},"request_id":"req_…"}
import type { JsonObject } from "./wire.js";

export interface ErrorReply {
  status: number;
  /** Anthropic's error type: invalid_request_error, authentication_error, overloaded_error, … */
  type: string;
  message: string;
  headers?: Record<string, string>;
}

export function errorBody(reply: ErrorReply, requestId: string): JsonObject {
  return { type: "error", error: { type: reply.type, message: reply.message }, request_id: requestId };
}

export function invalidRequest(message: string): ErrorReply {
  return { status: 400, type: "invalid_request_error", message };
}

/** The in-band error a stream carries after HTTP 200 (`mock-stream-error`). */
export const OVERLOADED: ErrorReply = { status: 529, type: "overloaded_error", message: "Overloaded" };

export function missingApiKey(): ErrorReply {
  return { status: 401, type: "authentication_error", message: "x-api-key header is required" };
}

export function invalidApiKey(): ErrorReply {
  return { status: 401, type: "authentication_error", message: "invalid x-api-key" };
}

export function missingVersion(): ErrorReply {
  return invalidRequest("anthropic-version: header is required");
}

export function notFound(): ErrorReply {
  return { status: 404, type: "not_found_error", message: "Not Found" };
}

export function invalidJson(): ErrorReply {
  return invalidRequest("There was an error parsing the body of your request. Please make sure it is valid JSON.");
}

const RATE_LIMIT_MESSAGE =
  "This request would exceed the rate limit for your organization (00000000-0000-4000-8000-000000000000) of 50 " +
  "requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the " +
  "response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try " +
  "again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for " +
  "a rate limit increase.";

function rateLimited(): ErrorReply {
  const reset = new Date(Date.now() + 1_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    status: 429,
    type: "rate_limit_error",
    message: RATE_LIMIT_MESSAGE,
    headers: {
      "retry-after": "1",
      "anthropic-ratelimit-requests-limit": "50",
      "anthropic-ratelimit-requests-remaining": "0",
      "anthropic-ratelimit-requests-reset": reset,
      "x-should-retry": "true",
    },
  };
}

/** The HTTP error of a `mock-error-*` scenario model, or undefined for any other model. */
export function scenarioError(model: string): ErrorReply | undefined {
  switch (model) {
    case "mock-error-400":
      return invalidRequest("temperature: Input should be less than or equal to 1");
    case "mock-error-429":
      return rateLimited();
    case "mock-error-500":
      return { status: 500, type: "api_error", message: "Internal server error" };
    case "mock-error-529":
      return { ...OVERLOADED, headers: { "x-should-retry": "true" } };
    default:
      return undefined;
  }
}
