import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type ScriptedUpstream, startScriptedUpstream } from "../support/scripted-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { chat, DIALECTS, MODES, upstreamMessages } from "./plugins-client.js";

// guard-llm (judge from a scripted upstream), guard-semantic (the mock's embeddings), guard-webhook
// (a small verdict service) and json-schema, through the built gateway in front of the OpenAI mock.
let mock: MockOpenAIUpstream;
let judge: ScriptedUpstream;
let webhook: Server;
let webhookUrl: string;
const webhookBodies: Array<Record<string, unknown>> = [];
let gateway: GatewayProcess;

function model(plugins: Array<Record<string, unknown>>, target = { provider: "upstream", model: "gpt-4o-mini" }) {
  return { targets: [target], plugins };
}
const slowTarget = { provider: "slow", model: "mock-slow-first-byte" };
const POLICY = "No instructions for weapons.";

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  judge = await startScriptedUpstream("judge");
  webhook = createServer(async (request, response) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    const body = JSON.parse(text) as { text: string };
    webhookBodies.push(body);
    if (body.text.includes("crash")) {
      response.writeHead(500).end("boom");
      return;
    }
    const verdict = body.text.includes("forbidden")
      ? { action: "block", reason: "forbidden word" }
      : { action: "allow" };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(verdict));
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/verdict`;
  const llm = (extra: Record<string, unknown>) => ({
    use: "guard-llm",
    with: { model: "judge/judge-model", policy: POLICY, ...extra },
  });
  const schema = { type: "object", required: ["echo"], properties: { echo: { type: "string" } } };
  gateway = await startGateway({
    routing: { retry: { retries: 0, backoffMs: 0, maxBackoffMs: 0, retryAfterCapMs: 0, on: [] } },
    providers: {
      upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY },
      slow: {
        type: "openai",
        baseUrl: `${mock.url}/v1`,
        apiKey: DEFAULT_MOCK_API_KEY,
        headers: { "x-mock-delay-ms": "3000" },
      },
      judge: { type: "openai-compatible", baseUrl: `${judge.url}/v1` },
    },
    models: {
      "llm-before": model([llm({})]),
      "llm-open": model([llm({ failMode: "open" })]),
      "llm-parallel-slow": model([llm({ mode: "parallel" })], slowTarget),
      "llm-parallel": model([llm({ mode: "parallel" })]),
      "llm-answer": model([llm({ on: ["response"] })]),
      "semantic-deny": model([
        {
          use: "guard-semantic",
          with: {
            embeddingModel: "upstream/text-embedding-3-small",
            deny: ["how to build a bomb"],
            denyThreshold: 0.99,
          },
        },
      ]),
      "semantic-allow": model([
        {
          use: "guard-semantic",
          with: {
            embeddingModel: "upstream/text-embedding-3-small",
            allow: ["weather in paris", "news today"],
            allowThreshold: 0.99,
          },
        },
      ]),
      "semantic-broken": model([
        { use: "guard-semantic", with: { embeddingModel: "upstream/mock-error-500", deny: ["x"] } },
      ]),
      "webhook-closed": model([{ use: "guard-webhook", with: { url: webhookUrl, on: ["request", "response"] } }]),
      "webhook-open": model([{ use: "guard-webhook", with: { url: webhookUrl, failMode: "open" } }]),
      "json-valid": model([{ use: "json-schema", with: { schema, setResponseFormat: true } }]),
      "json-retry": model([
        {
          use: "json-schema",
          with: {
            schema: { ...schema, properties: { echo: { type: "string", pattern: "JSON Schema" } } },
            setResponseFormat: true,
          },
        },
      ]),
      "json-fail": model([{ use: "json-schema", with: { schema, retries: 2 } }]),
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await mock?.close();
  await judge?.close();
  await new Promise((resolve) => webhook?.close(resolve));
});

beforeEach(() => {
  mock.reset();
  judge.received.length = 0;
  judge.setFallback({ kind: "ok", text: "ALLOW" });
  webhookBodies.length = 0;
});

const user = (content: string) => [{ role: "user", content }];

describe.each(DIALECTS)("guard-llm (%s dialect)", (dialect) => {
  it.each(MODES)("asks the judge first and blocks on DENY without calling the upstream (%s)", async (_mode, stream) => {
    judge.script({ kind: "ok", text: "DENY: asks for weapon instructions" });
    const result = await chat(gateway.url, dialect, { model: "llm-before", messages: user("build a rifle"), stream });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe("guard-llm blocked the prompt: asks for weapon instructions");
    expect(mock.requests).toHaveLength(0);
    const asked = judge.received[0] as { messages: Array<{ role: string; content: string }>; stream?: boolean };
    expect(asked.messages[0]?.content).toContain(POLICY);
    expect(asked.messages[1]).toEqual({ role: "user", content: "build a rifle" });
  });

  it.each(MODES)("lets an allowed prompt through (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "llm-before", messages: user("hello"), stream });
    expect(result.status).toBe(200);
    expect(result.text).toBe("Echo: hello ✓");
  });

  it("fails closed with guardrail_unavailable, or open, when the judge fails", async () => {
    judge.setFallback({ kind: "status", status: 500 });
    const closed = await chat(gateway.url, dialect, { model: "llm-before", messages: user("hello") });
    expect(closed.status).toBe(503);
    expect(closed.error?.message).toMatch(/^guard-llm could not judge the prompt: model "judge\/judge-model" failed/);
    const open = await chat(gateway.url, dialect, { model: "llm-open", messages: user("hello") });
    expect(open.status).toBe(200);
    judge.setFallback({ kind: "ok", text: "I think it is fine" });
    const nonsense = await chat(gateway.url, dialect, { model: "llm-before", messages: user("hello") });
    expect(nonsense.status).toBe(503);
    expect(nonsense.error?.message).toContain("the judge answered neither ALLOW nor DENY");
  });

  it.each(MODES)("in parallel mode cancels the upstream call on DENY (%s)", async (_mode, stream) => {
    judge.script({ kind: "ok", text: "DENY: weapons", delayMs: 100 });
    const started = Date.now();
    const result = await chat(gateway.url, dialect, { model: "llm-parallel-slow", messages: user("rifle"), stream });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe("guard-llm blocked the prompt: weapons");
    expect(Date.now() - started).toBeLessThan(2_000);
    await mock.waitForAbort(0, 2_000);
    expect(mock.requests[0]?.aborted).toBe(true);
  });

  it.each(MODES)("in parallel mode waits for a slower verdict before the answer leaves (%s)", async (_mode, stream) => {
    judge.script({ kind: "ok", text: "DENY: weapons", delayMs: 300 });
    const refused = await chat(gateway.url, dialect, { model: "llm-parallel", messages: user("rifle"), stream });
    expect(mock.requests).toHaveLength(1);
    expect(refused.status).toBe(400);
    expect(refused.text).toBe("");
    judge.script({ kind: "ok", text: "ALLOW", delayMs: 100 });
    const allowed = await chat(gateway.url, dialect, { model: "llm-parallel", messages: user("hello"), stream });
    expect(allowed.text).toBe("Echo: hello ✓");
  });

  it.each(MODES)("judges the answer (%s)", async (_mode, stream) => {
    judge.script({ kind: "ok", text: "DENY: the answer echoes" });
    const result = await chat(gateway.url, dialect, { model: "llm-answer", messages: user("hi"), stream });
    expect(result.status).toBe(400);
    expect(result.error?.message).toBe("guard-llm blocked the answer: the answer echoes");
    expect((judge.received[0] as { messages: Array<{ content: string }> }).messages[1]?.content).toBe("Echo: hi ✓");
  });
});

describe.each(DIALECTS)("guard-semantic (%s dialect)", (dialect) => {
  it.each(MODES)("blocks a prompt like a denied example and lets others through (%s)", async (_mode, stream) => {
    const denied = await chat(gateway.url, dialect, {
      model: "semantic-deny",
      messages: user("how to build a bomb"),
      stream,
    });
    expect(denied.status).toBe(400);
    expect(denied.error?.message).toBe(
      'guard-semantic blocked the prompt: it is like the denied example "how to build a bomb" (similarity 1.00).',
    );
    const allowed = await chat(gateway.url, dialect, {
      model: "semantic-deny",
      messages: user("how to bake bread"),
      stream,
    });
    expect(allowed.text).toBe("Echo: how to bake bread ✓");
    expect(upstreamMessages(mock)).toEqual([{ role: "user", content: "how to bake bread" }]);
  });

  it("with an allow list, refuses prompts like none of the examples", async () => {
    const allowed = await chat(gateway.url, dialect, { model: "semantic-allow", messages: user("weather in paris") });
    expect(allowed.status).toBe(200);
    const refused = await chat(gateway.url, dialect, { model: "semantic-allow", messages: user("tell me a joke") });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toBe(
      "guard-semantic blocked the prompt: it is not like any of the allowed examples.",
    );
  });

  it("fails closed when the embedding model fails", async () => {
    const result = await chat(gateway.url, dialect, { model: "semantic-broken", messages: user("hi") });
    expect(result.status).toBe(503);
    expect(result.error?.message).toMatch(/^guard-semantic could not embed the prompt/);
  });
});

describe.each(DIALECTS)("guard-webhook (%s dialect)", (dialect) => {
  it.each(MODES)("sends the prompt and the answer, and blocks on the service's verdict (%s)", async (_mode, stream) => {
    const allowed = await chat(gateway.url, dialect, { model: "webhook-closed", messages: user("hello"), stream });
    expect(allowed.text).toBe("Echo: hello ✓");
    expect(webhookBodies.map((body) => [body.on, body.text])).toEqual([
      ["request", "hello"],
      ["response", "Echo: hello ✓"],
    ]);
    const blocked = await chat(gateway.url, dialect, {
      model: "webhook-closed",
      messages: user("a forbidden thing"),
      stream,
    });
    expect(blocked.status).toBe(400);
    expect(blocked.error?.message).toBe("guard-webhook blocked the prompt: forbidden word");
  });

  it("fails closed or open when the service fails", async () => {
    const closed = await chat(gateway.url, dialect, { model: "webhook-closed", messages: user("crash") });
    expect(closed.status).toBe(503);
    expect(closed.error?.message).toBe("guard-webhook could not check the prompt: the webhook answered 500.");
    const open = await chat(gateway.url, dialect, { model: "webhook-open", messages: user("crash") });
    expect(open.status).toBe(200);
    expect(open.text).toBe("Echo: crash ✓");
  });
});

describe.each(DIALECTS)("json-schema (%s dialect)", (dialect) => {
  it.each(MODES)("passes a valid answer and asks the provider for the schema (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "json-valid", messages: user("hi"), stream });
    expect(result.status).toBe(200);
    expect(result.text).toBe('{"echo":"hi"}');
    const body = mock.lastRequest()?.body as { response_format?: { type: string } };
    expect(body.response_format?.type).toBe("json_schema");
  });

  it.each(MODES)("retries with the validation error until the answer matches (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "json-retry", messages: user("hi"), stream });
    expect(mock.requests).toHaveLength(2);
    const retry = upstreamMessages(mock, 1);
    expect(retry.slice(0, 2)).toEqual([
      { role: "user", content: "hi" },
      { role: "assistant", content: '{"echo":"hi"}' },
    ]);
    expect(retry[2]?.content).toMatch(
      /^Your answer does not match the required JSON Schema: \/echo must match pattern "JSON Schema"\./,
    );
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text).echo).toBe(retry[2]?.content);
  });

  it.each(MODES)("fails with response_schema_invalid after the retries (%s)", async (_mode, stream) => {
    const result = await chat(gateway.url, dialect, { model: "json-fail", messages: user("hi"), stream });
    expect(mock.requests).toHaveLength(3);
    expect(result.status).toBe(502);
    expect(result.error?.message).toBe(
      "The answer did not match the required JSON Schema after 3 attempt(s): the answer is not valid JSON.",
    );
  });
});
