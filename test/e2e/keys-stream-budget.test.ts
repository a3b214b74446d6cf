import { countTokens } from "gpt-tokenizer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { call, chat, createKey, errorCode, MASTER_KEY } from "./keys-support.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    admin: { masterKey: MASTER_KEY },
    // A small default reservation, so a long answer outgrows it.
    auth: { mode: "required", stopStreamsOverBudget: true, defaultMaxOutputTokens: 5 },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: { smart: { targets: [{ provider: "upstream", model: "mock-character-stream" }] } },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

const longText = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");
// Room for the prompt (3 tokens of message overhead + its text) and the 5 reserved output
// tokens, but not for the echo of the whole prompt that the mock streams back.
const promptTokens = 3 + countTokens(longText);
const budget = promptTokens + 5 + Math.floor(promptTokens / 2);

describe("a stream whose running cost passes the budget", () => {
  it("is ended with an error event in the client's dialect, and its use is counted", async () => {
    const { key } = await createKey(gateway.url, { name: "stream-budget", budget: { tokens: budget, period: "day" } });
    const openai = await call(gateway.url, "POST", "/v1/chat/completions", {
      key,
      body: { model: "smart", stream: true, messages: [{ role: "user", content: longText }] },
    });
    expect(openai.status).toBe(200);
    expect(openai.text).toContain("budget_exceeded");
    expect(openai.text).toContain("The stream was ended");
    expect(openai.text).not.toContain("[DONE]");
    const after = await chat(gateway.url, key, "smart", "Hi", { max_tokens: 1 });
    expect(after.status).toBe(429);
    expect(errorCode(after)).toBe("budget_exceeded");
  });

  it("ends an Anthropic-dialect stream with Anthropic's error event", async () => {
    const { key } = await createKey(gateway.url, {
      name: "anthropic-budget",
      budget: { tokens: budget, period: "day" },
    });
    const anthropic = await call(gateway.url, "POST", "/v1/messages", {
      key,
      keyHeader: "x-api-key",
      body: { model: "smart", stream: true, max_tokens: 5, messages: [{ role: "user", content: longText }] },
    });
    expect(anthropic.text).toContain("event: error");
    expect(anthropic.text).toContain("The stream was ended");
  });

  it("leaves a stream within its budget alone", async () => {
    const { key } = await createKey(gateway.url, { name: "roomy", budget: { tokens: 100_000, period: "day" } });
    const answer = await call(gateway.url, "POST", "/v1/chat/completions", {
      key,
      body: { model: "smart", stream: true, messages: [{ role: "user", content: longText }] },
    });
    expect(answer.text).not.toContain("budget_exceeded");
    expect(answer.text).toContain("[DONE]");
  });
});
