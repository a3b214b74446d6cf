import { createServer } from "node:net";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedUpstream, startScriptedUpstream } from "../support/scripted-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

let primary: ScriptedUpstream;
let secondary: ScriptedUpstream;
let gateway: GatewayProcess;
let client: OpenAI;
const masterKey = "admin-key-for-routing-tests";

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const provider = (upstream: ScriptedUpstream) => ({ type: "openai-compatible", baseUrl: `${upstream.url}/v1` });

beforeAll(async () => {
  primary = await startScriptedUpstream("primary");
  secondary = await startScriptedUpstream("secondary");
  gateway = await startGateway({
    admin: { masterKey },
    providers: {
      primary: provider(primary),
      secondary: provider(secondary),
      nowhere: { type: "openai-compatible", baseUrl: `http://127.0.0.1:${await closedPort()}/v1` },
    },
    routing: {
      retry: {
        retries: 2,
        backoffMs: 10,
        maxBackoffMs: 50,
        retryAfterCapMs: 2_000,
        on: ["connect", "timeout", "429", "5xx"],
      },
      attemptTimeoutMs: 400,
      circuitBreaker: { consecutiveFailures: 3, cooldownMs: 600 },
    },
    models: {
      smart: {
        strategy: "fallback",
        targets: [
          { provider: "primary", model: "p-model" },
          { provider: "secondary", model: "s-model" },
        ],
      },
      "no-retry": {
        strategy: "fallback",
        retry: { retries: 0 },
        targets: [
          { provider: "primary", model: "p-model" },
          { provider: "secondary", model: "s-model" },
        ],
      },
      unreachable: {
        targets: [
          { provider: "nowhere", model: "x" },
          { provider: "secondary", model: "s-model" },
        ],
      },
      tiered: {
        targets: [{ provider: "primary", model: "expensive" }],
        routes: [
          { when: { metadata: { tier: "free" } }, targets: [{ provider: "secondary", model: "cheap" }] },
          { when: { header: "canary" }, targets: [{ provider: "secondary", model: "canary" }] },
        ],
      },
      fastest: {
        strategy: "latency",
        targets: [
          { provider: "primary", model: "lat-p" },
          { provider: "secondary", model: "lat-s" },
        ],
      },
      idle: {
        strategy: "least-busy",
        targets: [
          { provider: "primary", model: "busy-p" },
          { provider: "secondary", model: "busy-s" },
        ],
      },
      breaker: {
        strategy: "single",
        retry: { retries: 0 },
        targets: [{ provider: "primary", model: "breaker-model" }],
      },
    },
  });
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "x", maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.stop();
  await primary?.close();
  await secondary?.close();
});

afterEach(() => {
  primary.received.length = 0;
  secondary.received.length = 0;
  primary.setFallback({ kind: "ok" });
});

async function ask(model: string, headers: Record<string, string> = {}) {
  const { data, response } = await client.chat.completions
    .create({ model, messages: [{ role: "user", content: "hi" }] }, { headers })
    .withResponse();
  return { text: data.choices[0]?.message.content, headers: response.headers };
}

describe("retries and fallbacks", () => {
  it("retries a 500 on the same target, then succeeds", async () => {
    primary.script({ kind: "status", status: 500 });
    const answer = await ask("smart");
    expect(answer.text).toBe("from primary");
    expect(answer.headers.get("x-switchyard-attempts")).toBe("2");
    expect(primary.received).toHaveLength(2);
    expect(secondary.received).toHaveLength(0);
  });

  it("waits for a 429's retry-after within the cap", async () => {
    primary.script({ kind: "status", status: 429, headers: { "retry-after": "1" } });
    const started = Date.now();
    const answer = await ask("smart");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(answer.text).toBe("from primary");
  });

  it("moves on at once when retry-after is beyond the cap", async () => {
    primary.script({ kind: "status", status: 429, headers: { "retry-after": "60" } });
    const started = Date.now();
    const answer = await ask("smart");
    expect(Date.now() - started).toBeLessThan(900);
    expect(answer.text).toBe("from secondary");
    expect(answer.headers.get("x-switchyard-provider")).toBe("secondary");
    expect(answer.headers.get("x-switchyard-model")).toBe("s-model");
  });

  it("falls back to the next target after a timeout", async () => {
    primary.script({ kind: "hang" });
    const answer = await ask("no-retry");
    expect(answer.text).toBe("from secondary");
  });

  it("falls back when the first target refuses connections", async () => {
    const answer = await ask("unreachable");
    expect(answer.text).toBe("from secondary");
    expect(answer.headers.get("x-switchyard-attempts")).toBe("4");
  });

  it("takes a slow first byte within the attempt timeout, and moves on beyond it", async () => {
    primary.script({ kind: "ok", delayMs: 150 });
    expect((await ask("no-retry")).text).toBe("from primary");
    primary.script({ kind: "ok", delayMs: 800 });
    expect((await ask("no-retry")).text).toBe("from secondary");
  });

  it("does not fall back on a client error", async () => {
    primary.script({
      kind: "status",
      status: 400,
      body: { error: { message: "bad temperature", type: "invalid_request_error", param: "temperature", code: null } },
    });
    await expect(ask("smart")).rejects.toMatchObject({ status: 400 });
    expect(secondary.received).toHaveLength(0);
  });
});

describe("load-aware strategies", () => {
  it("latency sends requests to the target that answers faster once both are measured", async () => {
    primary.setFallback({ kind: "ok", delayMs: 150 });
    const answers: Array<string | null | undefined> = [];
    for (let request = 0; request < 6; request++) answers.push((await ask("fastest")).text);
    // The first two measure each target once; from then on the fast one wins.
    expect(answers.slice(0, 2).sort()).toEqual(["from primary", "from secondary"]);
    expect(answers.slice(2)).toEqual(["from secondary", "from secondary", "from secondary", "from secondary"]);
  });

  it("least-busy sends a request to the idle target while the other is still answering", async () => {
    // Below the 400 ms attempt timeout of this gateway, so the slow answer still arrives.
    primary.setFallback({ kind: "ok", delayMs: 300 });
    const slow = ask("idle");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await ask("idle");
    expect(second.text).toBe("from secondary");
    expect((await slow).text).toBe("from primary");
  });
});

describe("streams", () => {
  it("falls back when the upstream answers 200 and then an error before any content", async () => {
    primary.script({ kind: "stream-error-first" });
    const stream = await client.chat.completions.create({
      model: "no-retry",
      stream: true,
      messages: [{ role: "user", content: "x" }],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("from secondary");
  });

  it("ends with an error event, and never starts a second stream, when the upstream resets after the first chunk", async () => {
    primary.script({ kind: "reset-after-first-chunk" });
    const stream = await client.chat.completions.create({
      model: "smart",
      stream: true,
      messages: [{ role: "user", content: "x" }],
    });
    let text = "";
    const read = async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    };
    await expect(read()).rejects.toThrow();
    expect(text).toBe("partial from primary");
    expect(primary.received).toHaveLength(1);
    expect(secondary.received).toHaveLength(0);
  });
});

describe("conditional routing", () => {
  it("routes by request metadata and by the x-switchyard-route header", async () => {
    expect((await ask("tiered")).text).toBe("from primary");
    await ask("tiered", { "x-switchyard-metadata": JSON.stringify({ tier: "free" }) });
    expect(secondary.received.at(-1)?.model).toBe("cheap");
    await ask("tiered", { "x-switchyard-route": "canary" });
    expect(secondary.received.at(-1)?.model).toBe("canary");
  });

  it("refuses a malformed metadata header with a 400 that says why", async () => {
    await expect(ask("tiered", { "x-switchyard-metadata": "{not json" })).rejects.toMatchObject({
      status: 400,
      error: { param: "x-switchyard-metadata" },
    });
  });
});

describe("circuit breaker", () => {
  it("opens after the threshold, stops sending to the target, and closes after a successful probe", async () => {
    primary.setFallback({ kind: "status", status: 503 });
    for (let request = 0; request < 3; request++) await expect(ask("breaker")).rejects.toMatchObject({ status: 503 });
    const before = primary.received.length;
    await expect(ask("breaker")).rejects.toMatchObject({ status: 503, error: { code: "no_available_target" } });
    expect(primary.received.length).toBe(before);

    const health = await fetch(`${gateway.url}/admin/health/targets`, {
      headers: { authorization: `Bearer ${masterKey}` },
    });
    const targets = ((await health.json()) as { data: Array<{ target: string; circuit: string }> }).data;
    expect(targets.find((target) => target.target === "primary/breaker-model")?.circuit).toBe("open");
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toContain('switchyard_circuit_state{target="primary/breaker-model",state="open"} 1');
    expect(metrics).toContain('switchyard_circuit_state{target="primary/breaker-model",state="closed"} 0');

    primary.setFallback({ kind: "ok" });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await ask("breaker")).text).toBe("from primary");
    expect((await ask("breaker")).text).toBe("from primary");
  });

  it("keeps the health endpoint behind the admin key", async () => {
    expect((await fetch(`${gateway.url}/admin/health/targets`)).status).toBe(401);
    const wrong = await fetch(`${gateway.url}/admin/health/targets`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(403);
  });
});
