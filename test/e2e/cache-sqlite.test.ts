import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// The exact cache on the SQLite backend: entries survive a restart, and the LRU keeps the size bound.
let mock: MockOpenAIUpstream;
const running: GatewayProcess[] = [];
const storageUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), "switchyard-cache-sqlite-")), "gateway.db")}`;

const config = (maxEntries: number) => ({
  storage: { url: storageUrl },
  providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
  plugins: [{ use: "cache", with: { backend: "sqlite", maxEntries } }],
});

async function start(maxEntries: number): Promise<GatewayProcess> {
  const gateway = await startGateway(config(maxEntries));
  running.push(gateway);
  return gateway;
}

beforeAll(async () => {
  mock = await startMockOpenAIUpstream();
});

afterAll(async () => {
  for (const gateway of running) await gateway.stop();
  await mock?.close();
});

async function ask(gateway: GatewayProcess, text: string): Promise<string | null> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "upstream/gpt-4o-mini", messages: [{ role: "user", content: text }] }),
  });
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  return response.headers.get("x-switchyard-cache");
}

const pause = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

describe("exact cache on SQLite", () => {
  it("answers from entries stored before a restart", async () => {
    const first = await start(100);
    expect(await ask(first, "Remember me across restarts")).toBe("miss");
    await pause(50);
    expect(await first.stop()).toBe(0);
    const second = await start(100);
    expect(await ask(second, "Remember me across restarts")).toBe("hit");
    await second.stop();
  });

  it("evicts the least recently used entry beyond maxEntries", async () => {
    const gateway = await start(2);
    await ask(gateway, "lru one");
    await pause(20);
    await ask(gateway, "lru two");
    await pause(20);
    expect(await ask(gateway, "lru one")).toBe("hit");
    // The hit's time is written back, and the size enforced, once a second.
    await pause(1_200);
    await ask(gateway, "lru three");
    await pause(1_200);
    expect(await ask(gateway, "lru two")).toBe("miss");
    expect(await ask(gateway, "lru three")).toBe("hit");
  });
});

describe("semantic cache on SQLite", () => {
  it("answers a paraphrase from an entry stored before a restart", async () => {
    const semanticConfig = {
      storage: { url: storageUrl },
      providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
      plugins: [
        {
          use: "semantic-cache",
          with: { backend: "sqlite", embedder: "upstream/mock-bag-of-words", threshold: 0.8, ttl: 600 },
        },
      ],
    };
    const first = await startGateway(semanticConfig);
    running.push(first);
    expect(await ask(first, "what is the capital city of france")).toBe("miss");
    await pause(100);
    expect(await first.stop()).toBe(0);
    const second = await startGateway(semanticConfig);
    running.push(second);
    expect(await ask(second, "what is the capital city of france please")).toBe("semantic-hit");
    await second.stop();
  });
});
