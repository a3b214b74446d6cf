import { createServer } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;
let client: OpenAI;

/** A port nothing listens on, for the unreachable-upstream case. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    server: { bodyLimit: "64kb" },
    // Retries are tested in routing.test.ts; here each upstream failure must reach the client as it is.
    routing: { retry: { retries: 0, backoffMs: 0, maxBackoffMs: 0, retryAfterCapMs: 0, on: [] } },
    providers: {
      upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY },
      slow: {
        type: "openai",
        baseUrl: `${mock.url}/v1`,
        apiKey: DEFAULT_MOCK_API_KEY,
        timeouts: { firstByteMs: 300 },
      },
      gone: { type: "openai-compatible", baseUrl: `http://127.0.0.1:${await closedPort()}/v1` },
    },
  });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "x", maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

async function post(
  path: string,
  body: string,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  const response = await fetch(`${gateway.url}${path}`, { method: "POST", headers, body });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as { error: Record<string, unknown> },
  };
}

const chat = (model: string) => JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] });

describe("every bad input gets an OpenAI-style error with the right status", () => {
  it.each([
    ["malformed JSON", "/v1/chat/completions", '{"model": "upstream/x", ', 400, "invalid_json"],
    ["an empty body", "/v1/chat/completions", "", 400, "invalid_json"],
    [
      "a missing model",
      "/v1/chat/completions",
      JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
      400,
      "model_required",
    ],
    [
      "no messages",
      "/v1/chat/completions",
      JSON.stringify({ model: "upstream/x", messages: [] }),
      400,
      "invalid_request",
    ],
    [
      "a bad role",
      "/v1/chat/completions",
      JSON.stringify({ model: "upstream/x", messages: [{ role: "wizard", content: "x" }] }),
      400,
      "invalid_request",
    ],
    ["an unknown model", "/v1/chat/completions", chat("nope"), 404, "model_not_found"],
    ["an unknown provider prefix", "/v1/chat/completions", chat("nobody/gpt-4o"), 404, "model_not_found"],
    [
      "an embeddings request without input",
      "/v1/embeddings",
      JSON.stringify({ model: "upstream/e" }),
      400,
      "invalid_request",
    ],
  ])("%s", async (_name, path, body, status, code) => {
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, type: "invalid_request_error" });
    expect(typeof response.body.error.message).toBe("string");
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });

  it("names the field at fault", async () => {
    const response = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "upstream/x", messages: [{ role: "user", content: 5 }] }),
    );
    expect(response.body.error.param).toBe("messages[0].content");
  });

  it("refuses a body over the limit with 413", async () => {
    const response = await post(
      "/v1/chat/completions",
      JSON.stringify({ model: "upstream/x", pad: "x".repeat(70_000) }),
    );
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe("request_too_large");
  });

  it("refuses a wrong content type with 415", async () => {
    const response = await post("/v1/chat/completions", chat("upstream/x"), { "content-type": "text/plain" });
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe("unsupported_media_type");
  });

  it("answers an unknown route with 404 and a wrong method with 405", async () => {
    const unknown = await fetch(`${gateway.url}/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("route_not_found");
    const wrongMethod = await fetch(`${gateway.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });
});

describe("upstream failures keep their meaning", () => {
  it("keeps the upstream's status, message, retry-after and request id", async () => {
    const response = await post("/v1/chat/completions", chat("upstream/mock-error-429"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(response.body.error).toMatchObject({ code: "rate_limit_exceeded", provider: "upstream" });
    expect(response.body.error.message).toMatch(/Rate limit reached/);
    expect(response.body.error.upstream_request_id).toMatch(/^req_/);
    expect(response.headers.get("x-switchyard-upstream-request-id")).toBe(response.body.error.upstream_request_id);
  });

  it.each([
    ["400", "upstream/mock-error-400", 400],
    ["500", "upstream/mock-error-500", 500],
    ["503", "upstream/mock-error-503", 503],
  ])("passes an upstream %s on", async (_name, model, status) => {
    const response = await post("/v1/chat/completions", chat(model));
    expect(response.status).toBe(status);
  });

  it("surfaces errors as the openai client's typed errors", async () => {
    await expect(
      client.chat.completions.create({ model: "upstream/mock-error-429", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({ status: 429, constructor: OpenAI.RateLimitError });
    await expect(
      client.chat.completions.create({ model: "missing", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({ status: 404, constructor: OpenAI.NotFoundError });
  });

  it("answers 504 when the upstream does not answer in time", async () => {
    const response = await post("/v1/chat/completions", chat("slow/mock-hang"));
    expect(response.status).toBe(504);
    expect(response.body.error.code).toBe("upstream_timeout");
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    const response = await post("/v1/chat/completions", chat("gone/some-model"));
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe("upstream_unreachable");
  });

  it("answers 502 when the upstream sends garbage", async () => {
    const response = await post("/v1/chat/completions", chat("upstream/mock-garbage"));
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe("upstream_bad_response");
  });

  it("answers 502 before the first byte when a stream fails at once, and in-band after", async () => {
    const failedAtOnce = await post(
      "/v1/chat/completions",
      JSON.stringify({
        model: "upstream/mock-stream-error-first",
        stream: true,
        messages: [{ role: "user", content: "x" }],
      }),
    );
    expect(failedAtOnce.status).toBe(502);

    const stream = await client.chat.completions.create({
      model: "upstream/mock-reset-mid-stream",
      stream: true,
      messages: [{ role: "user", content: "x" }],
    });
    const read = async () => {
      for await (const _chunk of stream) {
        // read until the in-band error
      }
    };
    await expect(read()).rejects.toThrow(/upstream|reach|terminated|socket|closed/i);
  });

  it("reports a stream that ends early as an error, not a clean finish", async () => {
    const stream = await client.chat.completions.create({
      model: "upstream/mock-truncated-stream",
      stream: true,
      messages: [{ role: "user", content: "x" }],
    });
    const read = async () => {
      for await (const _chunk of stream) {
        // read until the in-band error
      }
    };
    await expect(read()).rejects.toThrow(/ended the stream before it was complete/);
  });
});
