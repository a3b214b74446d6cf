import { describe, expect, it } from "vitest";
import { fromAnthropicErrorObject, fromAnthropicErrorResponse } from "./errors.js";

function body(type: string, message: string): string {
  return JSON.stringify({ type: "error", error: { type, message }, request_id: "req_body" });
}

describe("fromAnthropicErrorResponse", () => {
  it.each([
    [400, "invalid_request_error", "invalid_request_error", false],
    [401, "authentication_error", "authentication_error", false],
    [403, "permission_error", "permission_error", false],
    [404, "not_found_error", "invalid_request_error", false],
    [413, "request_too_large", "invalid_request_error", false],
    [429, "rate_limit_error", "rate_limit_error", true],
    [500, "api_error", "server_error", true],
    [529, "overloaded_error", "server_error", true],
  ])("keeps status %i (%s), maps the type, retryable: %s", (status, anthropicType, openAIType, retryable) => {
    const error = fromAnthropicErrorResponse(status, body(anthropicType, "Boom"), "claude", {
      "request-id": "req_header",
    });
    expect(error).toMatchObject({
      code: "upstream_error",
      message: "Boom",
      status,
      type: openAIType,
      retryable,
      upstream: { provider: "claude", status, requestId: "req_header", code: anthropicType },
    });
  });

  it("carries retry-after, and takes the request id from the body when the header is missing", () => {
    const error = fromAnthropicErrorResponse(429, body("rate_limit_error", "Slow down"), "claude", {
      "retry-after": "17",
    });
    expect(error.headers).toEqual({ "retry-after": "17" });
    expect(error.upstream).toMatchObject({ retryAfterSeconds: 17, requestId: "req_body" });
  });

  it.each([
    ["false", 529, false],
    ["true", 400, true],
  ])("obeys x-should-retry: %s", (header, status, retryable) => {
    const error = fromAnthropicErrorResponse(status, body("overloaded_error", "x"), "claude", {
      "x-should-retry": header,
    });
    expect(error.retryable).toBe(retryable);
  });

  it("keeps the text of a body that is not JSON (a proxy's HTML page)", () => {
    const error = fromAnthropicErrorResponse(413, "<html>Request Entity Too Large</html>", "claude", {});
    expect(error).toMatchObject({
      status: 413,
      message: "<html>Request Entity Too Large</html>",
      upstream: { code: null },
    });
  });
});

describe("fromAnthropicErrorObject (in-stream errors)", () => {
  it("takes the status from the error type", () => {
    const error = fromAnthropicErrorObject({ type: "overloaded_error", message: "Overloaded" }, undefined, "claude");
    expect(error).toMatchObject({ status: 529, retryable: true, upstream: { code: "overloaded_error", status: 529 } });
  });
});
