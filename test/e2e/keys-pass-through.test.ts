import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { call, createKey, MASTER_KEY } from "./keys-support.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    providers: {
      // The configured key is wrong on purpose: only the client's own key can succeed.
      byo: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: "sk-configured-not-valid", allowClientKeys: true },
      managed: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

const body = (model: string) => ({ model, max_tokens: 10, messages: [{ role: "user", content: "Hi" }] });

describe("pass-through of the client's own provider key (allowClientKeys)", () => {
  it("sends x-upstream-api-key upstream instead of the configured key, next to a gateway key", async () => {
    const { key } = await createKey(gateway.url, { name: "byo" });
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${key}`,
        "x-upstream-api-key": DEFAULT_MOCK_API_KEY,
      },
      body: JSON.stringify(body("byo/gpt-4o-mini")),
    });
    expect(response.status).toBe(200);
    expect(mock.lastRequest()?.headers.authorization).toBe(`Bearer ${DEFAULT_MOCK_API_KEY}`);
  });

  it("with auth optional, forwards a credential that is not a gateway key", async () => {
    const answer = await call(gateway.url, "POST", "/v1/chat/completions", {
      key: DEFAULT_MOCK_API_KEY,
      body: body("byo/gpt-4o-mini"),
    });
    expect(answer.status).toBe(200);
    const without = await call(gateway.url, "POST", "/v1/chat/completions", { body: body("byo/gpt-4o-mini") });
    expect(without.status).toBe(401);
    expect(mock.lastRequest()?.headers.authorization).toBe("Bearer sk-configured-not-valid");
  });

  it("never forwards a client's key to a provider that does not allow it", async () => {
    const answer = await call(gateway.url, "POST", "/v1/chat/completions", {
      key: "sk-client-own-key",
      body: body("managed/gpt-4o-mini"),
    });
    expect(answer.status).toBe(200);
    expect(mock.lastRequest()?.headers.authorization).toBe(`Bearer ${DEFAULT_MOCK_API_KEY}`);
  });
});
