import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "../run-migrations.js";
import type { Storage } from "../storage.js";
import { logMigrations } from "./log-migrations.js";
import type { LogFilter } from "./log-query.js";
import type { LogRecord } from "./log-record.js";
import type { LogStore } from "./log-store.js";
import { PostgresLogStore } from "./postgres-log-store.js";
import { SqliteLogStore } from "./sqlite-log-store.js";

const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const HOUR = 3_600_000;
const base = Date.UTC(2026, 0, 1, 10);

function record(requestId: string, fields: Partial<LogRecord>): LogRecord {
  const values = {
    requestId,
    startedAt: base,
    durationMs: 10,
    gatewayMs: 1,
    endpoint: "chat",
    dialect: "openai-chat",
    model: "smart",
    provider: "openai",
    status: 200,
    stream: false,
    inputTokens: 10,
    outputTokens: 5,
    cachedTokens: 0,
    reasoningTokens: 0,
    retries: 0,
    fallbacks: 0,
    captureLevel: "none",
    metadata: {},
    ...fields,
  };
  return { ...values, eventJson: JSON.stringify({ requestId, startedAt: new Date(values.startedAt).toISOString() }) };
}

const records = [
  record("a", { metadata: { team: "search" }, durationMs: 10, costUsd: 0.5, cacheStatus: "hit" }),
  record("b", { metadata: { team: "search" }, durationMs: 20, costUsd: 0.25, startedAt: base + 60_000 }),
  record("c", { metadata: { team: "ads" }, durationMs: 30, model: "fast", status: 429, errorCode: "rate_limited" }),
  record("d", {
    metadata: { team: "search" },
    durationMs: 40,
    startedAt: base + HOUR,
    captureLevel: "full",
    messagesText: "the capybara question",
  }),
  record("old", { startedAt: base - 40 * 24 * HOUR }),
];
const none: LogFilter = { metadata: {} };

function suite(name: string, open: () => Promise<{ store: LogStore; close(): Promise<void> }>) {
  describe(name, () => {
    let store: LogStore;
    let close: () => Promise<void> = async () => {};
    beforeAll(async () => {
      ({ store, close } = await open());
      await store.insert(records);
      await store.insert([record("a", { durationMs: 99, startedAt: base + 2 * HOUR })]);
    });
    afterAll(() => close());

    const ids = async (filter: Partial<LogFilter>, before?: number, limit = 50) =>
      (await store.list({ ...none, ...filter }, { before, limit })).map((log) => log.event.requestId);

    it("lists newest first and filters by every field", async () => {
      expect(await ids({})).toEqual(["a", "old", "d", "c", "b", "a"]);
      expect(await ids({ metadata: { team: "search" } })).toEqual(["d", "b", "a"]);
      expect(await ids({ model: "fast" })).toEqual(["c"]);
      expect(await ids({ status: 429 })).toEqual(["c"]);
      expect(await ids({ cacheStatus: "hit" })).toEqual(["a"]);
      expect(await ids({ provider: "nobody" })).toEqual([]);
      expect(await ids({ from: base, to: base + HOUR })).toEqual(["c", "b", "a"]);
      expect(await ids({ text: "capybara" })).toEqual(["d"]);
      expect(await ids({ text: 'capybara "OR' })).toEqual([]);
    });

    it("pages with the sequence cursor", async () => {
      const first = await store.list(none, { limit: 4 });
      const rest = await store.list(none, { limit: 4, before: first.at(-1)?.sequence });
      expect([...first, ...rest].map((log) => log.event.requestId)).toEqual(["a", "old", "d", "c", "b", "a"]);
    });

    it("gets the newest log of a request id", async () => {
      expect((await store.get("a"))?.event.startedAt).toBe(new Date(base + 2 * HOUR).toISOString());
      expect(await store.get("missing")).toBeUndefined();
    });

    it("aggregates usage per group and bucket with percentiles and rates", async () => {
      const rows = await store.usage(
        { ...none, from: base, to: base + 2 * HOUR },
        { groupBy: "metadata.team", interval: "hour" },
      );
      expect(rows).toEqual([
        expect.objectContaining({
          group: "ads",
          bucket: new Date(base).toISOString(),
          requests: 1,
          errors: 1,
          errorRate: 1,
        }),
        {
          group: "search",
          bucket: new Date(base).toISOString(),
          requests: 2,
          errors: 0,
          errorRate: 0,
          inputTokens: 20,
          outputTokens: 10,
          cachedTokens: 0,
          reasoningTokens: 0,
          costUsd: 0.75,
          latencyP50Ms: 15,
          latencyP95Ms: 19.5,
          cacheHits: 1,
          cacheHitRate: 0.5,
        },
        expect.objectContaining({ group: "search", bucket: new Date(base + HOUR).toISOString(), requests: 1 }),
      ]);
      const byModel = await store.usage({ ...none, from: base, to: base + 2 * HOUR }, { groupBy: "model" });
      expect(byModel.map((row) => [row.group, row.bucket, row.requests, row.latencyP50Ms])).toEqual([
        ["fast", null, 1, 30],
        ["smart", null, 3, 20],
      ]);
    });

    it("deletes logs past retention", async () => {
      expect(await store.deleteBefore(base - 24 * HOUR)).toBe(1);
      expect(await ids({ text: "capybara" })).toEqual(["d"]);
      expect(await ids({})).toHaveLength(5);
    });
  });
}

suite("SqliteLogStore", async () => {
  const database = new Database(":memory:");
  const storage: Storage = { kind: "sqlite", database, ping: async () => {}, close: async () => {} };
  await runMigrations(storage, "logs", logMigrations);
  return {
    store: new SqliteLogStore(database),
    close: async () => {
      database.close();
    },
  };
});

suite("PostgresLogStore", async () => {
  // A schema of its own, so parallel test runs never share the table.
  const schema = `logs_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 4, options: `-c search_path=${schema}` });
  const storage: Storage = { kind: "postgres", pool, ping: async () => {}, close: async () => {} };
  await runMigrations(storage, "logs", logMigrations);
  return {
    store: new PostgresLogStore(pool),
    async close() {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
});
