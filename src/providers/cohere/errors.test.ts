import { describe, expect, it } from "vitest";
import { fromCohereErrorResponse } from "./errors.js";

describe("fromCohereErrorResponse", () => {
  const cases: Array<{
    name: string;
    status: number;
    body: string;
    headers?: Record<string, string>;
    expected: Record<string, unknown>;
  }> = [
    {
      name: "400 with id and message",
      status: 400,
      body: '{"id":"5b0c2d4e","message":"invalid request: messages must not be empty"}',
      headers: { "x-debug-trace-id": "trace-1" },
      expected: {
        message: "invalid request: messages must not be empty",
        status: 400,
        type: "invalid_request_error",
        retryable: false,
        upstream: { provider: "cohere", status: 400, requestId: "trace-1", code: null },
      },
    },
    {
      name: "401 with only a message",
      status: 401,
      body: '{"message":"invalid api token"}',
      expected: { message: "invalid api token", status: 401, type: "invalid_request_error", retryable: false },
    },
    { name: "404", status: 404, body: '{"message":"model not found"}', expected: { status: 404, retryable: false } },
    {
      name: "429 keeps retry-after",
      status: 429,
      body: '{"id":"a","message":"You are using a Trial key"}',
      headers: { "retry-after": "7" },
      expected: {
        status: 429,
        retryable: true,
        headers: { "retry-after": "7" },
        upstream: { provider: "cohere", status: 429, retryAfterSeconds: 7 },
      },
    },
    {
      name: "500",
      status: 500,
      body: '{"message":"internal"}',
      expected: { status: 500, type: "server_error", retryable: true },
    },
    {
      name: "503 with a body that is not JSON",
      status: 503,
      body: "<html>Service Unavailable</html>",
      expected: { message: "<html>Service Unavailable</html>", status: 503, retryable: true },
    },
    {
      name: "an empty body",
      status: 502,
      body: "",
      expected: { message: 'Provider "cohere" answered with status 502.', status: 502 },
    },
  ];

  it.each(cases)("$name", ({ status, body, headers, expected }) => {
    const error = fromCohereErrorResponse(status, body, "cohere", headers ?? {});
    expect(error.code).toBe("upstream_error");
    expect(error).toMatchObject(expected);
  });
});
