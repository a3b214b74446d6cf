/**
 * Every error the gateway itself can answer with: stable code, HTTP status, OpenAI error type.
 * docs/errors.md lists each one, and a test keeps the two in step.
 */
export const ERROR_CODES = {
  invalid_json: { status: 400, type: "invalid_request_error", retryable: false },
  invalid_request: { status: 400, type: "invalid_request_error", retryable: false },
  model_required: { status: 400, type: "invalid_request_error", retryable: false },
  model_not_found: { status: 404, type: "invalid_request_error", retryable: false },
  unsupported_feature: { status: 400, type: "invalid_request_error", retryable: false },
  route_not_found: { status: 404, type: "invalid_request_error", retryable: false },
  method_not_allowed: { status: 405, type: "invalid_request_error", retryable: false },
  request_too_large: { status: 413, type: "invalid_request_error", retryable: false },
  unsupported_media_type: { status: 415, type: "invalid_request_error", retryable: false },
  admin_disabled: { status: 403, type: "permission_error", retryable: false },
  admin_unauthorized: { status: 401, type: "authentication_error", retryable: false },
  admin_forbidden: { status: 403, type: "permission_error", retryable: false },
  upstream_error: { status: 502, type: "upstream_error", retryable: false },
  upstream_timeout: { status: 504, type: "timeout_error", retryable: true },
  upstream_unreachable: { status: 502, type: "upstream_error", retryable: true },
  upstream_bad_response: { status: 502, type: "upstream_error", retryable: true },
  upstream_stream_error: { status: 502, type: "upstream_error", retryable: true },
  no_available_target: { status: 503, type: "server_error", retryable: true },
  plugin_failed: { status: 500, type: "server_error", retryable: false },
  shutting_down: { status: 503, type: "server_error", retryable: true },
  internal_error: { status: 500, type: "server_error", retryable: false },
} as const satisfies Record<string, { status: number; type: string; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;
