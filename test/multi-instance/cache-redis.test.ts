import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// Two gateway processes sharing the real Redis: exact entries in Redis, semantic entries in Redis
// with each instance's vector index kept in sync through a Redis Stream.
const redisUrl = process.env.SWITCHYARD_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `switchyard-test-cache-${randomUUID()}:`;
const masterKey = "admin-key-for-cache-redis-tests";
let mock: MockOpenAIUpstream;
let redis: Redis;
let first: GatewayProcess;
let second: GatewayProcess;

async function startInstance(): Promise<GatewayProcess> {
  return startGateway({
    admin: { masterKey },
    redis: { url: redisUrl },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    plugins: [
      { use: "cache", with: { backend: "redis", redisPrefix: prefix } },
      {
        use: "semantic-cache",
        with: { backend: "redis", redisPrefix: prefix, embedder: "upstream/mock-bag-of-words", threshold: 0.8 },
      },
    ],
  });
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
  redis = new Redis(redisUrl);
  [first, second] = await Promise.all([startInstance(), startInstance()]);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await mock?.close();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== "0");
  redis.disconnect();
});

async function ask(gateway: GatewayProcess, text: string, system = "Be brief.") {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      model: "upstream/gpt-4o-mini",
      messages: [
        { role: "system", content: system },
        { role: "user", content: text },
      ],
    }),
  });
  const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  return {
    status: response.headers.get("x-switchyard-cache"),
    key: response.headers.get("x-switchyard-cache-key"),
    content: body.choices[0]?.message.content,
  };
}

/** Polls until the answer has the wanted status or the time is up; returns the elapsed ms. */
async function waitForStatus(check: () => Promise<string | null>, status: string, withinMs: number): Promise<number> {
  const startedAt = performance.now();
  let last: string | null = null;
  while (performance.now() - startedAt < withinMs) {
    last = await check();
    if (last === status) return performance.now() - startedAt;
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
  throw new Error(`still "${last}" after ${withinMs} ms`);
}

describe("cache across two instances on Redis", () => {
  it("an exact entry cached through one instance hits on the other", async () => {
    const stored = await ask(first, "Exact across instances");
    expect(stored.status).toBe("miss");
    const elapsed = await waitForStatus(async () => (await ask(second, "Exact across instances")).status, "hit", 1_000);
    expect(elapsed).toBeLessThan(1_000);
    expect(await redis.exists(`${prefix}exact:anonymous:${stored.key}`)).toBe(1);
  });

  it("a semantic entry cached through one instance hits on the other within a second", async () => {
    const original = await ask(first, "Which planet in the solar system has the most moons?", "Astronomy.");
    expect(original.status).toBe("miss");
    const paraphrase = "which planet in the solar system has most moons";
    await waitForStatus(async () => (await ask(second, paraphrase, "Astronomy.")).status, "semantic-hit", 1_000);
    expect((await ask(second, paraphrase, "Astronomy.")).content).toBe(original.content);
  });

  it("a purge through one instance empties the cache of both", async () => {
    await ask(first, "Purge across instances");
    await ask(first, "What colour is the sky on Mars at noon?", "Planets.");
    await waitForStatus(async () => (await ask(second, "Purge across instances")).status, "hit", 1_000);
    await waitForStatus(
      async () => (await ask(second, "what colour is the sky on mars at noon", "Planets.")).status,
      "semantic-hit",
      1_000,
    );
    const purge = await fetch(`${first.url}/admin/cache/purge`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${masterKey}` },
      body: "{}",
    });
    expect(purge.status).toBe(200);
    expect(((await purge.json()) as { removed: number }).removed).toBeGreaterThanOrEqual(2);
    // The purge reaches the other instance's vector index through the change stream.
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    expect((await ask(second, "Purge across instances")).status).toBe("miss");
    expect((await ask(second, "what colour is the sky on mars at noon", "Planets.")).status).toBe("miss");
  });

  it("a restarted instance loads the shared semantic entries", async () => {
    await ask(first, "How many bones are in the adult human body?", "Anatomy.");
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    await second.stop();
    second = await startInstance();
    expect((await ask(second, "how many bones are in the adult human body", "Anatomy.")).status).toBe("semantic-hit");
  });
});
