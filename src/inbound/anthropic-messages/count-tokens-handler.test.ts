import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runtime } from "../../app/runtime.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import type { LogEvent } from "../../contract/log-event.js";
import {
  PROVIDER_SPECIFICATION_VERSION,
  type ProviderAdapter,
  type UpstreamCall,
} from "../../contract/provider-adapter.js";
import { AbortScope } from "../../outbound/abort-scope.js";
import type { Exchange } from "../http/exchange.js";
import { handleAnthropicCountTokens } from "./count-tokens-handler.js";
import { estimateInputTokens } from "./estimate-input-tokens.js";

const counted: Array<{ request: ChatRequest; call: UpstreamCall }> = [];
const logs: LogEvent[] = [];

function provider(name: string, countTokens?: ProviderAdapter["countTokens"]): ProviderAdapter {
  const unused = () => Promise.reject(new Error("not used"));
  return {
    specificationVersion: PROVIDER_SPECIFICATION_VERSION,
    name,
    type: name,
    models: [],
    chat: unused,
    chatStream: unused,
    countTokens,
    close: async () => {},
  };
}

const providers = new Map<string, ProviderAdapter>([
  [
    "anthropic",
    provider("anthropic", async (request, call) => {
      counted.push({ request, call });
      return { inputTokens: 42 };
    }),
  ],
  ["openai", provider("openai")],
  [
    "broken",
    provider("broken", () =>
      Promise.reject(
        new GatewayError("upstream_error", "Overloaded", {
          status: 529,
          upstream: { provider: "broken", requestId: "req_9" },
        }),
      ),
    ),
  ],
]);

/** Only what the handler reads of a route plan: the first target. */
function resolve(model: string) {
  const target = (provider: string, upstreamModel: string, headers: Record<string, string> = {}) => ({
    targets: [{ provider: providers.get(provider), upstreamModel, params: {}, headers }],
  });
  if (model === "claude") return target("anthropic", "claude-sonnet-4-5", { "x-team": "a" });
  const [provider, upstreamModel] = model.split("/");
  if (provider && upstreamModel && providers.has(provider)) return target(provider, upstreamModel);
  throw new GatewayError("model_not_found", `The model "${model}" does not exist here.`, { param: "model" });
}

const runtime = {
  bodyLimit: 1_000_000,
  routes: { resolve },
  logger: { error: () => {}, warn: () => {} },
  emitLog: (event: LogEvent) => logs.push(event),
} as unknown as Runtime;

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const exchange: Exchange = {
      request,
      response,
      requestId: "req-gateway-1",
      startedAt: performance.now(),
      startedAtEpochMs: Date.now(),
      runtime,
      abort: new AbortScope(),
      path: "/v1/messages/count_tokens",
    };
    void handleAnthropicCountTokens(exchange);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages/count_tokens`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

const messages = [{ role: "user", content: "Hello, world" }];

describe("POST /v1/messages/count_tokens", () => {
  it("asks a provider that can count, with the target's model and headers", async () => {
    const answer = await post({ model: "claude", system: "Be terse.", messages });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ input_tokens: 42 });
    expect(answer.headers.get("x-switchyard-token-estimate")).toBeNull();
    expect(answer.headers.get("x-switchyard-provider")).toBe("anthropic");
    const [first] = counted;
    expect(first?.call).toMatchObject({
      upstreamModel: "claude-sonnet-4-5",
      headers: { "x-team": "a" },
      requestId: "req-gateway-1",
    });
    expect(first?.request.messages[0]).toEqual({ role: "system", content: [{ type: "text", text: "Be terse." }] });
    expect(logs.at(-1)).toMatchObject({ endpoint: "count_tokens", dialect: "anthropic-messages", status: 200 });
  });

  it("estimates for a provider that cannot count, and says so", async () => {
    const answer = await post({ model: "openai/gpt-4o-mini", messages });
    expect(answer.status).toBe(200);
    const expected = estimateInputTokens({
      model: "openai/gpt-4o-mini",
      messages: [{ role: "user", content: [{ type: "text", text: "Hello, world" }] }],
      sampling: {},
      stream: false,
      providerOptions: {},
    });
    expect(answer.body).toEqual({ input_tokens: expected });
    expect(answer.headers.get("x-switchyard-token-estimate")).toBe("true");
  });

  it.each([
    [
      "an unknown model",
      { model: "nope", messages },
      404,
      { type: "error", error: { type: "not_found_error", message: expect.stringContaining('"nope"') } },
    ],
    [
      "a body without messages",
      { model: "claude" },
      400,
      { type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("'messages'") } },
    ],
    [
      "an upstream failure",
      { model: "broken/claude", messages },
      529,
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" }, request_id: "req_9" },
    ],
  ])("answers %s in Anthropic's error shape", async (_name, body, status, expected) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(expected);
  });
});
