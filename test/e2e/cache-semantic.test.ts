import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// The semantic cache with the mock's bag-of-words embedder (texts sharing words are similar).
let mock: MockOpenAIUpstream;
let gateway: GatewayProcess;

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  gateway = await startGateway({
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
      "smart-copy": { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
      strict: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
      "hanging-embedder": {
        targets: [{ provider: "upstream", model: "gpt-4o-mini" }],
        plugins: [{ use: "semantic-cache", with: { embedder: "upstream/mock-hang", timeoutMs: 200 } }],
      },
      "failing-embedder": {
        targets: [{ provider: "upstream", model: "gpt-4o-mini" }],
        plugins: [{ use: "semantic-cache", with: { embedder: "upstream/mock-error-400" } }],
      },
    },
    plugins: [
      { use: "cache" },
      {
        use: "semantic-cache",
        with: { embedder: "upstream/mock-bag-of-words", threshold: 0.8, thresholds: { strict: 0.999 }, ttl: 600 },
      },
    ],
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
});

beforeEach(() => mock.reset());

type Body = Record<string, unknown>;

async function chat(body: Body, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Body;
  const content = (json.choices as Array<{ message: { content: string } }> | undefined)?.[0]?.message.content;
  return { status: response.status, headers: response.headers, content };
}

const chatUpstreamCalls = () => mock.requests.filter((request) => request.path === "/v1/chat/completions").length;
const ask = (text: string, model = "smart", system = "Be brief."): Body => ({
  model,
  messages: [
    { role: "system", content: system },
    { role: "user", content: text },
  ],
});
/** Semantic entries are stored just after the response is sent. */
const settle = () => new Promise((resolveWait) => setTimeout(resolveWait, 50));

describe("semantic cache", () => {
  it("answers a paraphrase above the threshold with the stored answer and its similarity", async () => {
    const original = await chat(ask("How tall is the Eiffel tower in Paris?"));
    expect(original.headers.get("x-switchyard-cache")).toBe("miss");
    await settle();
    const paraphrase = await chat(ask("how tall is the eiffel tower in paris"));
    expect(paraphrase.headers.get("x-switchyard-cache")).toBe("semantic-hit");
    expect(Number(paraphrase.headers.get("x-switchyard-cache-similarity"))).toBeGreaterThanOrEqual(0.8);
    expect(paraphrase.content).toBe(original.content);
    expect(chatUpstreamCalls()).toBe(1);
  });

  it("misses an unrelated question", async () => {
    await chat(ask("Best recipe for banana bread with walnuts"));
    await settle();
    const unrelated = await chat(ask("Which river flows through Vienna and Budapest"));
    expect(unrelated.headers.get("x-switchyard-cache")).toBe("miss");
    expect(unrelated.content).toContain("Vienna");
  });

  it("never hits under another system prompt, another model or another earlier turn", async () => {
    await chat(ask("When was the Colosseum in Rome built?"));
    await settle();
    const paraphrase = "when was the colosseum in rome built";
    expect((await chat(ask(paraphrase, "smart", "Be verbose."))).headers.get("x-switchyard-cache")).toBe("miss");
    expect((await chat(ask(paraphrase, "smart-copy"))).headers.get("x-switchyard-cache")).toBe("miss");
    const withHistory: Body = {
      model: "smart",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello" },
        { role: "user", content: paraphrase },
      ],
    };
    expect((await chat(withHistory)).headers.get("x-switchyard-cache")).toBe("miss");
    expect((await chat(ask(paraphrase))).headers.get("x-switchyard-cache")).toBe("semantic-hit");
  });

  it("uses the per-model threshold", async () => {
    await chat(ask("What is the boiling point of water at sea level?", "strict"));
    await settle();
    const close = await chat(ask("what is the boiling point of water", "strict"));
    expect(close.headers.get("x-switchyard-cache")).toBe("miss");
  });

  it("never answers a turn that ends with a tool result", async () => {
    const toolTurn = (result: string): Body => ({
      model: "smart",
      messages: [
        { role: "user", content: "Weather in Oslo?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: "{}" } }],
        },
        { role: "tool", tool_call_id: "call_1", content: result },
      ],
      tools: [{ type: "function", function: { name: "weather", parameters: { type: "object" } } }],
      temperature: 0,
    });
    await chat(toolTurn("sunny 20 degrees"), { "x-switchyard-cache": "no-store" });
    await settle();
    const second = await chat(toolTurn("sunny 21 degrees"));
    expect(second.headers.get("x-switchyard-cache")).toBe("miss");
    expect(chatUpstreamCalls()).toBe(2);
  });

  it("goes on uncached when the embedder hangs past the timeout or fails", async () => {
    const startedAt = performance.now();
    const slow = await chat(ask("Embedder hangs", "hanging-embedder"));
    expect(slow.status).toBe(200);
    expect(slow.content).toContain("Embedder hangs");
    expect(performance.now() - startedAt).toBeLessThan(1_500);
    const failing = await chat(ask("Embedder fails", "failing-embedder"));
    expect(failing.status).toBe(200);
    expect(failing.content).toContain("Embedder fails");
  });
});
