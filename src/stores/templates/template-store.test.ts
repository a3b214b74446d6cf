import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../storage.js";
import { TemplateStore } from "./template-store.js";

const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// A schema of its own, so parallel test runs never share the prompt_templates table.
const SCHEMA = `templates_test_${randomBytes(4).toString("hex")}`;
let pools: pg.Pool[] = [];

function sqliteStorage(): Storage {
  const database = new Database(":memory:");
  return { kind: "sqlite", database, ping: async () => {}, close: async () => void database.close() };
}

function postgresStorage(): Storage {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${SCHEMA}`, max: 4 });
  pools.push(pool);
  return { kind: "postgres", pool, ping: async () => {}, close: () => pool.end() };
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${SCHEMA}`);
  await admin.end();
});

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  pools = [];
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA ${SCHEMA} CASCADE`);
  await admin.end();
});

describe.each([
  ["SQLite", sqliteStorage],
  ["PostgreSQL", postgresStorage],
])("TemplateStore on %s", (_name, open) => {
  it("adds versions, reads the latest or one, lists and deletes", async () => {
    const store = await TemplateStore.open(open());
    const name = `t-${randomBytes(3).toString("hex")}`;
    expect((await store.add(name, '{"v":1}')).version).toBe(1);
    expect((await store.add(name, '{"v":2}')).version).toBe(2);
    expect((await store.get(name))?.body).toBe('{"v":2}');
    expect((await store.get(name, 1))?.body).toBe('{"v":1}');
    expect(await store.get(name, 9)).toBeUndefined();
    expect((await store.list(name)).map((template) => template.version)).toEqual([2, 1]);
    expect((await store.list()).filter((template) => template.name === name).map((t) => t.version)).toEqual([2]);
    expect(await store.delete(name, 2)).toBe(1);
    expect((await store.get(name))?.version).toBe(1);
    expect(await store.delete(name)).toBe(1);
    expect(await store.get(name)).toBeUndefined();
  });
});

it("gives two PostgreSQL instances adding at once distinct versions", async () => {
  const [first, second] = await Promise.all([
    TemplateStore.open(postgresStorage()),
    TemplateStore.open(postgresStorage()),
  ]);
  const name = "raced";
  const added = await Promise.all(
    Array.from({ length: 6 }, (_, index) => (index % 2 === 0 ? first : second)?.add(name, `{"i":${index}}`)),
  );
  expect(added.map((template) => template?.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
});
