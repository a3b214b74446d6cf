import { resolve } from "node:path";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

let mock: MockOpenAIUpstream;
let gateway: GatewayProcess | undefined;

const root = resolve(import.meta.dirname, "../..");

function baseConfig(delayMs = 100): Record<string, unknown> {
  return {
    providers: {
      upstream: {
        type: "openai",
        baseUrl: `${mock.url}/v1`,
        apiKey: DEFAULT_MOCK_API_KEY,
        headers: { "x-mock-delay-ms": String(delayMs) },
      },
    },
    models: { smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] } },
  };
}

function clientFor(running: GatewayProcess): OpenAI {
  return new OpenAI({ baseURL: `${running.url}/v1`, apiKey: "x", maxRetries: 0 });
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
});

afterAll(async () => {
  await mock?.close();
});

afterEach(async () => {
  await gateway?.stop("SIGKILL");
  gateway = undefined;
  mock.reset();
});

describe("the gateway process", () => {
  it("cancels the upstream request when the client goes away", async () => {
    gateway = await startGateway(baseConfig(200));
    const controller = new AbortController();
    const stream = await clientFor(gateway).chat.completions.create(
      { model: "upstream/mock-slow-stream", stream: true, messages: [{ role: "user", content: "x" }] },
      { signal: controller.signal },
    );
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await mock.waitForAbort(0, 5_000);
    expect(mock.requests[0]?.aborted).toBe(true);
  });

  it("lets a stream in flight finish on SIGTERM, then exits 0", async () => {
    gateway = await startGateway(baseConfig(100));
    const stream = await clientFor(gateway).chat.completions.create({
      model: "upstream/mock-slow-stream",
      stream: true,
      messages: [{ role: "user", content: "finish me" }],
    });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    const exit = gateway.stop("SIGTERM");
    let text = first.value?.choices[0]?.delta.content ?? "";
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      text += next.value.choices[0]?.delta.content ?? "";
    }
    expect(text.length).toBeGreaterThan(5);
    expect(await exit).toBe(0);
    await expect(fetch(`${gateway.url}/healthz`)).rejects.toThrow();
  });

  it("reloads the config on SIGHUP, and keeps the running config when the new one is bad", async () => {
    gateway = await startGateway(baseConfig());
    const client = clientFor(gateway);
    await expect(
      client.chat.completions.create({ model: "fast", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({
      status: 404,
    });
    const reloaded = baseConfig();
    reloaded.models = { fast: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] } };
    gateway.writeConfig(reloaded);
    gateway.child.kill("SIGHUP");
    await expect.poll(() => gateway?.output() ?? "", { timeout: 5_000 }).toMatch(/config reloaded/);
    const answer = await client.chat.completions.create({ model: "fast", messages: [{ role: "user", content: "x" }] });
    expect(answer.choices[0]?.message.content).toBe("Echo: x ✓");

    gateway.writeConfig({ ...reloaded, models: { broken: { targets: [{ provider: "missing", model: "m" }] } } });
    gateway.child.kill("SIGHUP");
    await expect
      .poll(() => gateway?.output() ?? "", { timeout: 5_000 })
      .toMatch(/reload failed; keeping the running config/);
    expect(gateway.output()).toMatch(/models\.broken\.targets\[0\]\.provider: unknown provider "missing"/);
    const still = await client.chat.completions.create({ model: "fast", messages: [{ role: "user", content: "x" }] });
    expect(still.choices[0]?.message.content).toBe("Echo: x ✓");
  });

  it("runs a plugin named by path, and names a failing plugin in a 500", async () => {
    gateway = await startGateway({
      ...baseConfig(),
      plugins: [{ use: resolve(root, "examples/plugins/cap-max-tokens.ts"), with: { max: 64 } }],
      models: {
        smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] },
        fragile: {
          targets: [{ provider: "upstream", model: "gpt-4o-mini" }],
          plugins: [{ use: resolve(root, "test/fixtures/plugins/throwing-plugin.ts") }],
        },
      },
    });
    const client = clientFor(gateway);
    await client.chat.completions.create({
      model: "smart",
      max_completion_tokens: 5000,
      messages: [{ role: "user", content: "x" }],
    });
    expect(mock.lastRequest()?.body).toMatchObject({ max_completion_tokens: 64 });

    const failure = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "fragile", messages: [{ role: "user", content: "x" }] }),
    });
    expect(failure.status).toBe(500);
    expect(await failure.json()).toEqual({
      error: {
        message: 'Plugin "always-throws" failed: deliberate failure',
        type: "server_error",
        param: null,
        code: "plugin_failed",
      },
    });
  });

  it("refuses to start on an invalid config, naming the field", async () => {
    await expect(
      startGateway({ providers: { bad: { type: "openai", apiKey: "k", timeouts: { connectMs: -1 } } } }),
    ).rejects.toThrow(/providers\.bad\.timeouts\.connectMs: .*>0|providers\.bad\.timeouts\.connectMs/);
  });
});

describe("OpenAI-wire providers", () => {
  it("calls Azure deployment URLs with api-version and the api-key header", async () => {
    const azureMock = await startMockOpenAIUpstream({ azure: { apiKey: "azure-key" } });
    try {
      gateway = await startGateway({
        providers: {
          azure: {
            type: "azure",
            baseUrl: azureMock.url,
            apiKey: "azure-key",
            apiVersion: "2024-10-21",
            deployments: { "gpt-4o": "prod-gpt4o" },
          },
        },
      });
      const client = clientFor(gateway);
      const completion = await client.chat.completions.create({
        model: "azure/gpt-4o",
        messages: [{ role: "user", content: "hi" }],
      });
      expect(completion.choices[0]?.message.content).toBe("Echo: hi ✓");
      const upstream = azureMock.lastRequest();
      expect(upstream?.path).toBe("/openai/deployments/prod-gpt4o/chat/completions");
      expect(upstream?.query).toEqual({ "api-version": "2024-10-21" });
      expect(upstream?.headers["api-key"]).toBe("azure-key");
      expect(upstream?.headers.authorization).toBeUndefined();

      let streamed = "";
      const stream = await client.chat.completions.create({
        model: "azure/gpt-4o",
        stream: true,
        messages: [{ role: "user", content: "hi" }],
      });
      for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? "";
      expect(streamed).toBe("Echo: hi ✓");
    } finally {
      await azureMock.close();
    }
  });

  it("uses a preset's auth and the max_tokens field compatible vendors know", async () => {
    gateway = await startGateway({
      providers: {
        groq: { type: "groq", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY, query: { tier: "dev" } },
      },
    });
    await clientFor(gateway).chat.completions.create({
      model: "groq/llama-3.1-8b-instant",
      max_completion_tokens: 20,
      messages: [
        { role: "developer", content: "Terse." },
        { role: "user", content: "hi" },
      ],
    });
    const upstream = mock.lastRequest();
    expect(upstream?.headers.authorization).toBe(`Bearer ${DEFAULT_MOCK_API_KEY}`);
    expect(upstream?.query).toEqual({ tier: "dev" });
    expect(upstream?.body).toMatchObject({
      model: "llama-3.1-8b-instant",
      max_tokens: 20,
      messages: [
        { role: "system", content: "Terse." },
        { role: "user", content: "hi" },
      ],
    });
  });
});
