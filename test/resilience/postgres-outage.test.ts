// Two gateway instances on the real PostgreSQL, through a relay the test can cut: their
// connections are terminated by the server, then the database goes away and comes back. The
// instances stay up, answer by the documented policy (docs/operations.md) and lose no log row.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chat, createKey, MASTER_KEY } from "../e2e/keys-support.js";
import { eventually } from "../e2e/observability-support.js";
import { type CuttableTcpProxy, startCuttableTcpProxy } from "../support/cuttable-tcp-proxy.js";
import { type MockOpenAIUpstream, startMockOpenAIUpstream } from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const schema = `outage_${randomBytes(6).toString("hex")}`;
const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
let upstream: MockOpenAIUpstream;
let relay: CuttableTcpProxy;
const gateways: GatewayProcess[] = [];
/** The request id of every request a gateway answered with 200: each must end up as a log row. */
const answered: string[] = [];

beforeAll(async () => {
  await admin.query(`CREATE SCHEMA ${schema}`);
  upstream = await startMockOpenAIUpstream();
  const target = new URL(POSTGRES_URL);
  relay = await startCuttableTcpProxy(target.hostname, Number(target.port || 5432));
  const url = new URL(POSTGRES_URL);
  url.port = String(relay.port);
  url.searchParams.set("options", `-c search_path=${schema}`);
  url.searchParams.set("application_name", schema);
  for (let instance = 0; instance < 2; instance++) {
    gateways.push(
      await startGateway({
        admin: { masterKey: MASTER_KEY },
        auth: { mode: "required", keyCacheTtlMs: 60_000 },
        storage: { url: url.toString() },
        providers: { mock: { type: "openai", baseUrl: `${upstream.url}/v1`, apiKey: "sk-mock-upstream" } },
        models: { shared: { targets: [{ provider: "mock", model: "gpt-4o-mini" }] } },
        telemetry: { sinks: [{ type: "database", flushIntervalMs: 20 }] },
      }),
    );
  }
});

afterAll(async () => {
  relay?.restore();
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await relay?.close();
  await upstream?.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
});

async function chatAndRecord(gateway: GatewayProcess, key: string) {
  const answer = await chat(gateway.url, key, "shared");
  if (answer.status === 200) answered.push(answer.headers.get("x-request-id") ?? "");
  return answer;
}

async function ready(gateway: GatewayProcess): Promise<{ status: number; body: { checks: Record<string, string> } }> {
  const response = await fetch(`${gateway.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
}

describe("PostgreSQL outages", () => {
  it("survives terminated backends, answers by policy while the database is away, and recovers", async () => {
    const [first, second] = gateways as [GatewayProcess, GatewayProcess];
    const known = await createKey(first.url, { name: "known" });
    const unseen = await createKey(first.url, { name: "unseen" });
    for (const gateway of gateways) expect((await chatAndRecord(gateway, known.key)).status).toBe(200);

    // The server ends every connection of both instances (a restart, a failover, an idle cut).
    const terminated = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [schema],
    );
    expect(terminated.rowCount).toBeGreaterThan(0);
    for (const gateway of gateways) {
      await eventually(async () => (await chatAndRecord(gateway, known.key)).status === 200);
    }
    expect(first.child.exitCode).toBeNull();
    expect(second.child.exitCode).toBeNull();

    // The database goes away.
    relay.cut();
    for (const gateway of gateways) {
      // A key verified before the outage goes on working for its cache time.
      expect((await chatAndRecord(gateway, known.key)).status).toBe(200);
      // A key this instance has not verified cannot be checked: 503 with retry-after, never 500.
      const refused = await chat(gateway.url, unseen.key, "shared");
      expect(refused.status).toBe(503);
      expect((refused.body.error as { code: string }).code).toBe("storage_unavailable");
      expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
      const readiness = await ready(gateway);
      expect(readiness.status).toBe(503);
      expect(readiness.body.checks.storage).toMatch(/^unreachable/);
    }
    expect(first.child.exitCode).toBeNull();
    expect(second.child.exitCode).toBeNull();

    // It comes back: the instances recover by themselves.
    relay.restore();
    for (const gateway of gateways) {
      await eventually(async () => (await ready(gateway)).status === 200, 15_000);
      expect((await chatAndRecord(gateway, unseen.key)).status).toBe(200);
    }

    // Every answered request has its log row: rows written during the outage were held, not lost.
    await eventually(async () => {
      const rows = await admin.query(`SELECT request_id FROM ${schema}.request_logs`);
      const logged = new Set(rows.rows.map((row: { request_id: string }) => row.request_id));
      return answered.every((id) => logged.has(id));
    }, 15_000);
  }, 60_000);
});
