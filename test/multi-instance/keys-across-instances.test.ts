import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, chat, createKey, errorCode, MASTER_KEY } from "../e2e/keys-support.js";
import {
  DEFAULT_MOCK_API_KEY,
  type MockOpenAIUpstream,
  startMockOpenAIUpstream,
} from "../support/mock-openai-upstream.js";
import { type GatewayProcess, startGateway } from "../support/start-gateway.js";

// Real PostgreSQL and Redis, shared by two gateway processes. A schema and a key prefix of
// this run's own keep parallel test runs apart; both are removed at the end.
const POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = "redis://127.0.0.1:6379";
const run = randomBytes(4).toString("hex");
const schema = `switchyard_keys_test_${run}`;
const counterPrefix = `switchyard-test-${run}:`;

let mock: MockOpenAIUpstream;
let first: GatewayProcess;
let second: GatewayProcess;

beforeAll(async () => {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  mock = await startMockOpenAIUpstream();
  const config = {
    admin: { masterKey: MASTER_KEY },
    // A long key cache: only the Redis message can make the second instance see a revocation at once.
    auth: { mode: "required", counterPrefix, keyCacheTtlMs: 600_000 },
    storage: { url: `${POSTGRES_URL}?options=-c%20search_path%3D${schema}` },
    redis: { url: REDIS_URL },
    providers: { upstream: { type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY } },
    models: { smart: { targets: [{ provider: "upstream", model: "gpt-4o-mini" }] } },
  };
  [first, second] = await Promise.all([startGateway(config), startGateway(config)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await mock?.close();
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${counterPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe("two gateways sharing PostgreSQL and Redis", () => {
  it("serves a key created on one instance on the other at once, and stops it there when revoked", async () => {
    const { id, key } = await createKey(first.url, { name: "cross" });
    expect((await chat(second.url, key, "smart")).status).toBe(200);
    expect((await admin(first.url, "DELETE", `/admin/keys/${id}`)).status).toBe(200);
    const revoked = await chat(second.url, key, "smart");
    expect(revoked.status).toBe(401);
    expect(errorCode(revoked)).toBe("key_revoked");
  });

  it("keeps no plaintext key in PostgreSQL", async () => {
    const { id, key } = await createKey(second.url, { name: "at-rest" });
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT * FROM ${schema}.switchyard_keys`);
      expect(rows.some((row: { id: string }) => row.id === id)).toBe(true);
      expect(JSON.stringify(rows)).not.toContain(key);
      expect(JSON.stringify(rows)).not.toContain(DEFAULT_MOCK_API_KEY);
    } finally {
      await client.end();
    }
  });

  it("lets a 40 requests/minute key make 40 requests in total across both", async () => {
    const { key } = await createKey(first.url, { name: "rpm-40", limits: { rpm: 40 } });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) => chat(index % 2 === 0 ? first.url : second.url, key, "smart")),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(40);
    expect(results.filter((result) => result.status === 429)).toHaveLength(60);
  });

  it("shares one window between the instances, not one each", async () => {
    const { key } = await createKey(first.url, { name: "rpm-40-shared", limits: { rpm: 40 } });
    const onFirst = [];
    for (let request = 0; request < 30; request++) onFirst.push(await chat(first.url, key, "smart"));
    expect(onFirst.every((result) => result.status === 200)).toBe(true);
    const onSecond = [];
    for (let request = 0; request < 30; request++) onSecond.push(await chat(second.url, key, "smart"));
    // Ten left in the shared window; a limit counted per instance would let all 30 through.
    expect(onSecond.filter((result) => result.status === 200)).toHaveLength(10);
  });

  it("lets exactly 50 of 200 parallel requests through a 50 requests/minute key", async () => {
    const { key } = await createKey(second.url, { name: "rpm-50", limits: { rpm: 50 } });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) => chat(index % 2 === 0 ? first.url : second.url, key, "smart")),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(50);
  });

  it("applies a project limit changed on one instance on the other at once", async () => {
    const project = await admin(first.url, "POST", "/admin/projects", { name: "team" });
    const { key } = await createKey(first.url, { name: "member", project: project.body.id });
    expect((await chat(second.url, key, "smart")).status).toBe(200);
    await admin(first.url, "PATCH", `/admin/projects/${project.body.id}`, { limits: { rpm: 1 } });
    expect((await chat(second.url, key, "smart")).status).toBe(200);
    const refused = await chat(first.url, key, "smart");
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe("rate_limit_exceeded");
  });
});
