import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// Two gateway processes on one PostgreSQL (a schema of their own); each keeps its vector index in
// memory and follows the other's changes through LISTEN/NOTIFY.
const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SCHEMA = `rag_e2e_${randomBytes(4).toString("hex")}`;
const MASTER_KEY = "rag-instances-master-key-0123456789";
const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
let mock: MockOpenAIUpstream;
let first: GatewayProcess;
let second: GatewayProcess;

const call = async (gateway: GatewayProcess, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

const chatSources = async (gateway: GatewayProcess, content: string) => {
  const answer = await call(gateway, "POST", "/v1/chat/completions", {
    model: "bot",
    messages: [{ role: "user", content }],
  });
  return JSON.parse(answer.headers.get("x-switchyard-rag-sources") ?? "[]") as Array<{ source: string }>;
};

async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

beforeAll(async () => {
  await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  mock = await startMockOpenAIUpstream();
  const config = {
    admin: { masterKey: MASTER_KEY },
    storage: { url: `${POSTGRES_URL}?options=-c%20search_path%3D${SCHEMA}` },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      bot: {
        targets: [{ provider: "upstream", model: "gpt-4o-mini" }],
        plugins: [{ use: "rag", with: { knowledgeBases: ["shared"], threshold: 0.3 } }],
      },
    },
  };
  first = await startGateway(config);
  second = await startGateway(config);
}, 30_000);

afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await mock?.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.end();
});

describe("knowledge bases across instances on PostgreSQL", () => {
  it("a document ingested through one instance is retrieved by the other, and a deletion follows", async () => {
    expect(
      (await call(first, "POST", "/admin/knowledge-bases", { name: "shared", embedder: "upstream/mock-bag-of-words" }))
        .status,
    ).toBe(201);
    const added = await call(first, "POST", "/admin/knowledge-bases/shared/documents", {
      text: "The data center migration happens on the third weekend of March.",
      source: "migration.md",
    });
    expect(added.status).toBe(201);
    await eventually(async () => {
      expect(await chatSources(second, "When does the data center migration happen?")).toEqual([
        expect.objectContaining({ source: "migration.md" }),
      ]);
    });
    const keyword = await call(second, "POST", "/admin/knowledge-bases/shared/search", {
      query: "migration weekend",
      hybrid: true,
      topK: 1,
    });
    expect((keyword.body.data as Array<{ source: string }>)[0]?.source).toBe("migration.md");
    expect(
      (await call(second, "DELETE", `/admin/knowledge-bases/shared/documents/${added.body.id as string}`)).status,
    ).toBe(200);
    await eventually(async () => {
      expect(await chatSources(first, "When does the data center migration happen?")).toEqual([]);
    });
  });
});
