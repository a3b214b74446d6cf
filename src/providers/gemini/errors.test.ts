import { describe, expect, it } from "vitest";
import { fromGeminiErrorObject, fromGeminiErrorResponse } from "./errors.js";

const apiKeyInvalid = {
  error: {
    code: 400,
    message: "API key not valid. Please pass a valid API key.",
    status: "INVALID_ARGUMENT",
    details: [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
    ],
  },
};

const rateLimited = {
  error: {
    code: 429,
    message: "You exceeded your current quota. Please retry in 36.2s.",
    status: "RESOURCE_EXHAUSTED",
    details: [
      { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations: [] },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "36.2s" },
    ],
  },
};

function body(code: number, status: string, message: string): string {
  return JSON.stringify({ error: { code, message, status } }, null, 2);
}

describe("fromGeminiErrorResponse", () => {
  it.each([
    {
      name: "400 INVALID_ARGUMENT",
      status: 400,
      text: body(400, "INVALID_ARGUMENT", "Request contains an invalid argument."),
      expected: { status: 400, type: "invalid_request_error", retryable: false, code: "INVALID_ARGUMENT" },
    },
    {
      name: "400 API_KEY_INVALID (Gemini's bad key is not a 401)",
      status: 400,
      text: JSON.stringify(apiKeyInvalid),
      expected: { status: 400, type: "authentication_error", retryable: false, code: "INVALID_ARGUMENT" },
    },
    {
      name: "403 PERMISSION_DENIED",
      status: 403,
      text: body(403, "PERMISSION_DENIED", "The caller does not have permission"),
      expected: { status: 403, type: "permission_error", retryable: false, code: "PERMISSION_DENIED" },
    },
    {
      name: "404 NOT_FOUND",
      status: 404,
      text: body(404, "NOT_FOUND", "models/x is not found for API version v1beta"),
      expected: { status: 404, type: "invalid_request_error", retryable: false, code: "NOT_FOUND" },
    },
    {
      name: "429 RESOURCE_EXHAUSTED",
      status: 429,
      text: JSON.stringify(rateLimited),
      expected: { status: 429, type: "rate_limit_error", retryable: true, code: "RESOURCE_EXHAUSTED" },
    },
    {
      name: "500 INTERNAL",
      status: 500,
      text: body(500, "INTERNAL", "An internal error has occurred."),
      expected: { status: 500, type: "server_error", retryable: true, code: "INTERNAL" },
    },
    {
      name: "503 UNAVAILABLE",
      status: 503,
      text: body(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
      expected: { status: 503, type: "server_error", retryable: true, code: "UNAVAILABLE" },
    },
    {
      name: "an error wrapped in an array (the non-SSE streaming endpoint)",
      status: 503,
      text: `[${body(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")}]`,
      expected: { status: 503, type: "server_error", retryable: true, code: "UNAVAILABLE" },
    },
  ])("$name", ({ status, text, expected }) => {
    const error = fromGeminiErrorResponse(status, text, "gemini");
    expect(error.code).toBe("upstream_error");
    expect(error.message).toBe(JSON.parse(text.startsWith("[") ? text.slice(1, -1) : text).error.message);
    expect({ status: error.status, type: error.type, retryable: error.retryable, code: error.upstream?.code }).toEqual(
      expected,
    );
    expect(error.upstream).toMatchObject({ provider: "gemini", status });
  });

  it("turns RetryInfo.retryDelay into retryAfterSeconds and a retry-after header, rounded up", () => {
    const error = fromGeminiErrorResponse(429, JSON.stringify(rateLimited), "gemini");
    expect(error.upstream?.retryAfterSeconds).toBe(37);
    expect(error.headers).toEqual({ "retry-after": "37" });
  });

  it("keeps a body that is not JSON as the message", () => {
    const error = fromGeminiErrorResponse(502, "<html>Bad Gateway</html>", "gemini");
    expect(error.message).toBe("<html>Bad Gateway</html>");
    expect(error.upstream).toEqual({ provider: "gemini", status: 502, code: null, retryAfterSeconds: undefined });
  });

  it("names the provider when the body says nothing", () => {
    expect(fromGeminiErrorObject({}, 500, "gemini").message).toBe('Provider "gemini" answered with status 500.');
  });
});
