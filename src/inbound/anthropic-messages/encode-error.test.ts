import { describe, expect, it } from "vitest";
import { GatewayError } from "../../contract/errors.js";
import { encodeAnthropicError } from "./encode-error.js";

describe("encodeAnthropicError", () => {
  it.each([
    [400, "invalid_request_error"],
    [401, "authentication_error"],
    [402, "billing_error"],
    [403, "permission_error"],
    [404, "not_found_error"],
    [405, "invalid_request_error"],
    [413, "request_too_large"],
    [415, "invalid_request_error"],
    [429, "rate_limit_error"],
    [500, "api_error"],
    [502, "api_error"],
    [503, "api_error"],
    [504, "api_error"],
    [529, "overloaded_error"],
  ])("status %i becomes %s", (status, type) => {
    const error = new GatewayError("upstream_error", "Something failed.", { status });
    expect(encodeAnthropicError(error)).toEqual({ type: "error", error: { type, message: "Something failed." } });
  });

  it("carries the upstream's request id", () => {
    const error = new GatewayError("upstream_error", "Slow down.", {
      status: 429,
      upstream: { provider: "anthropic", status: 429, requestId: "req_011CSL" },
    });
    expect(encodeAnthropicError(error)).toEqual({
      type: "error",
      error: { type: "rate_limit_error", message: "Slow down." },
      request_id: "req_011CSL",
    });
  });

  it("uses the status of the gateway's own codes", () => {
    const error = new GatewayError("model_not_found", 'The model "x" does not exist here.');
    expect(encodeAnthropicError(error)).toEqual({
      type: "error",
      error: { type: "not_found_error", message: 'The model "x" does not exist here.' },
    });
  });
});
