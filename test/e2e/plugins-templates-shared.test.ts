import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { chat, upstreamMessages } from "./plugins-client.js";

// Two gateway processes on the real PostgreSQL: a template stored through one's admin API is
// served by the other. A schema of its own keeps parallel test runs apart.
const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SCHEMA = `templates_e2e_${randomBytes(4).toString("hex")}`;
const MASTER_KEY = "test-master-key-0123456789";
let mock: MockOpenAIUpstream;
let gateways: GatewayProcess[] = [];

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await sql(`CREATE SCHEMA ${SCHEMA}`);
  mock = await startMockOpenAIUpstream();
  const config = {
    admin: { masterKey: MASTER_KEY },
    storage: { url: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}` },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: {
      templated: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }], plugins: [{ use: "prompt-template" }] },
    },
  };
  // Two processes start at once on a shared, busy machine: allow them more than the default time.
  gateways = await Promise.all([
    startGateway(config, { timeoutMs: 25_000 }),
    startGateway(config, { timeoutMs: 25_000 }),
  ]);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await mock?.close();
  await sql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
});

it("serves a template stored through another instance, new versions included", async () => {
  const [first, second] = gateways;
  if (!first || !second) throw new Error("gateways did not start");
  const store = (content: string) =>
    fetch(`${first.url}/admin/templates`, {
      method: "POST",
      headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: "shared",
        messages: [{ role: "system", content }],
        variables: { team: { type: "string" } },
      }),
    });
  const ask = () =>
    chat(second.url, "openai", {
      model: "templated",
      messages: [{ role: "user", content: "hi" }],
      extra: { template: "shared", variables: { team: "ops" } },
    });
  expect((await store("Team {{ team }}, version one.")).status).toBe(201);
  expect((await ask()).status).toBe(200);
  expect(upstreamMessages(mock)[0]).toEqual({ role: "system", content: "Team ops, version one." });
  expect((await store("Team {{ team }}, version two.")).status).toBe(201);
  await ask();
  expect(upstreamMessages(mock)[0]).toEqual({ role: "system", content: "Team ops, version two." });
});
