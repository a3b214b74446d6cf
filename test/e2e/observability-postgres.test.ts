import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOpenAIUpstream, startMockOpenAIUpstream } from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";
import { eventually } from "./observability-support.js";

const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// A schema of its own, so that parallel runs and other features' tests never share the tables.
const schema = `observability_${randomBytes(6).toString("hex")}`;
const masterKey = "admin-key-for-postgres-log-tests";
const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
let upstream: MockOpenAIUpstream;
const gateways: GatewayProcess[] = [];

beforeAll(async () => {
  await admin.query(`CREATE SCHEMA ${schema}`);
  upstream = await startMockOpenAIUpstream();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  for (const sinks of [[{ type: "database" }, { type: "stdout" }], [{ type: "database" }]]) {
    gateways.push(
      await startGateway({
        admin: { masterKey },
        storage: { url: url.toString() },
        providers: { mock: { type: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-mock-upstream" } },
        models: { shared: { targets: [{ provider: "mock", model: "gpt-4o-mini" }] } },
        telemetry: {
          sinks: sinks.map((sink) => ({ ...sink, flushIntervalMs: 20 })),
          capture: { level: "full" },
          metrics: { requireMasterKey: true },
        },
      }),
    );
  }
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await upstream?.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

async function chat(gateway: GatewayProcess, content: string, team: string) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-switchyard-metadata": JSON.stringify({ team }) },
    body: JSON.stringify({ model: "shared", messages: [{ role: "user", content }] }),
  });
  const body = (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
  return { requestId: response.headers.get("x-request-id") ?? "", usage: body.usage };
}

describe("request logs in PostgreSQL, shared by two instances", () => {
  it("lets either instance find, search and sum the logs of both", async () => {
    const [first, second] = gateways as [GatewayProcess, GatewayProcess];
    const sent = [
      await chat(first, "from the first instance about walruses", "pg-team"),
      await chat(second, "from the second instance about walruses", "pg-team"),
      await chat(second, "another one", "pg-team"),
    ];
    const list = async (query: string) => {
      const response = await fetch(`${second.url}/admin/logs?${query}`, {
        headers: { authorization: `Bearer ${masterKey}` },
      });
      return ((await response.json()) as { data: Array<{ requestId: string }> }).data.map((log) => log.requestId);
    };
    await eventually(async () => (await list("metadata.team=pg-team")).length === 3);
    expect((await list("metadata.team=pg-team")).sort()).toEqual(sent.map((item) => item.requestId).sort());
    expect((await list("q=walruses")).sort()).toEqual(
      sent
        .slice(0, 2)
        .map((item) => item.requestId)
        .sort(),
    );

    const usage = await fetch(`${first.url}/admin/usage?group_by=metadata.team&interval=hour`, {
      headers: { authorization: `Bearer ${masterKey}` },
    });
    const rows = ((await usage.json()) as { data: Array<Record<string, unknown>> }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      group: "pg-team",
      requests: 3,
      inputTokens: sent.reduce((total, item) => total + item.usage.prompt_tokens, 0),
      outputTokens: sent.reduce((total, item) => total + item.usage.completion_tokens, 0),
    });
    const { rows: stored } = await admin.query(`SELECT count(*)::int AS count FROM ${schema}.request_logs`);
    expect(stored[0]?.count).toBe(3);
    expect((await fetch(`${first.url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${first.url}/metrics`, { headers: { authorization: `Bearer ${masterKey}` } });
    expect(await metrics.text()).toContain('switchyard_requests_total{endpoint="chat",status="200"} 1');
    // The first instance also wrote its event as a JSON line on stdout.
    expect(first.output()).toContain(`"requestId":"${sent[0]?.requestId}"`);
    expect(second.output()).not.toContain(`"requestId":"${sent[1]?.requestId}"`);
  });
});
