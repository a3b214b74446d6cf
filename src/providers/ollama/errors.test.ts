import { describe, expect, it } from "vitest";
import { fromOllamaErrorResponse } from "./errors.js";

describe("fromOllamaErrorResponse", () => {
  const cases: Array<{ name: string; status: number; body: string; expected: Record<string, unknown> }> = [
    {
      name: "400",
      status: 400,
      body: '{"error":"invalid options: num_predict"}',
      expected: {
        message: "invalid options: num_predict",
        status: 400,
        type: "invalid_request_error",
        retryable: false,
      },
    },
    {
      name: "404 model not found",
      status: 404,
      body: '{"error":"model \\"llama9\\" not found, try pulling it first"}',
      expected: { message: 'model "llama9" not found, try pulling it first', status: 404, retryable: false },
    },
    {
      name: "404 of an unknown path is plain text",
      status: 404,
      body: "404 page not found",
      expected: { message: "404 page not found", status: 404 },
    },
    { name: "429", status: 429, body: '{"error":"too many requests"}', expected: { status: 429, retryable: true } },
    {
      name: "500",
      status: 500,
      body: '{"error":"llama runner process has terminated"}',
      expected: { status: 500, type: "server_error", retryable: true },
    },
    {
      name: "502 without a body",
      status: 502,
      body: "",
      expected: { message: 'Provider "ollama" answered with status 502.' },
    },
  ];

  it.each(cases)("$name", ({ status, body, expected }) => {
    const error = fromOllamaErrorResponse(status, body, "ollama");
    expect(error.code).toBe("upstream_error");
    expect(error).toMatchObject({ ...expected, upstream: { provider: "ollama", status } });
  });
});
