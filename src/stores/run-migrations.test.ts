import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runMigrations } from "./run-migrations.js";
import type { Storage } from "./storage.js";

const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const migrations = [
  {
    version: 1,
    description: "create",
    sqlite: "CREATE TABLE things (id TEXT PRIMARY KEY)",
    postgres: "CREATE TABLE things_test_migrations (id TEXT PRIMARY KEY)",
  },
  {
    version: 2,
    description: "add name",
    sqlite: "ALTER TABLE things ADD COLUMN name TEXT",
    postgres: "ALTER TABLE things_test_migrations ADD COLUMN name TEXT",
  },
];

describe("runMigrations", () => {
  it("applies each SQLite migration once, in order", async () => {
    const database = new Database(":memory:");
    const storage: Storage = { kind: "sqlite", database, ping: async () => {}, close: async () => {} };
    await runMigrations(storage, "things", migrations);
    await runMigrations(storage, "things", migrations);
    expect(database.prepare("SELECT feature, version FROM switchyard_migrations ORDER BY version").all()).toEqual([
      { feature: "things", version: 1 },
      { feature: "things", version: 2 },
    ]);
    database.prepare("INSERT INTO things (id, name) VALUES ('a', 'b')").run();
  });

  const pool = new pg.Pool({ connectionString: POSTGRES_URL });
  afterAll(async () => {
    await pool.query("DROP TABLE IF EXISTS things_test_migrations");
    await pool.query("DELETE FROM switchyard_migrations WHERE feature = 'things-test'").catch(() => {});
    await pool.end();
  });

  it("applies PostgreSQL migrations once even when two instances start together", async () => {
    await pool.query("DROP TABLE IF EXISTS things_test_migrations");
    await pool.query("DELETE FROM switchyard_migrations WHERE feature = 'things-test'").catch(() => {});
    const storage: Storage = { kind: "postgres", pool, ping: async () => {}, close: async () => {} };
    await Promise.all([
      runMigrations(storage, "things-test", migrations),
      runMigrations(storage, "things-test", migrations),
    ]);
    const { rows } = await pool.query(
      "SELECT version FROM switchyard_migrations WHERE feature = 'things-test' ORDER BY version",
    );
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    await pool.query("INSERT INTO things_test_migrations (id, name) VALUES ('a', 'b')");
  });
});
