import type { GatewayError } from "../../contract/errors.js";

/** Anthropic's error type for an HTTP status (providers.md 3.6). */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 529:
      return "overloaded_error";
    default:
      // Anthropic uses invalid_request_error for other 4xx and api_error for 5xx.
      return status < 500 ? "invalid_request_error" : "api_error";
  }
}

/** The one place a gateway error becomes Anthropic's error body; the HTTP status stays error.status. */
export function encodeAnthropicError(error: GatewayError): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: "error",
    error: { type: anthropicErrorType(error.status), message: error.message },
  };
  if (error.upstream?.requestId) body.request_id = error.upstream.requestId;
  return body;
}
