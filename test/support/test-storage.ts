import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgresStorage } from "../../src/stores/postgres-storage.js";
import { openSqliteStorage } from "../../src/stores/sqlite-storage.js";
import type { Storage } from "../../src/stores/storage.js";

const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestStorages {
  /** An in-memory SQLite database, or PostgreSQL in this suite's own schema. */
  open(kind: Storage["kind"]): Promise<Storage>;
  /** Closes what `open` opened and drops the schema. */
  close(): Promise<void>;
}

/** Storages for a suite that runs on both databases; its PostgreSQL schema is its own, so parallel suites never meet. */
export function testStorages(label: string): TestStorages {
  const schema = `switchyard_${label}_test_${randomBytes(4).toString("hex")}`;
  const opened: Storage[] = [];
  const withClient = async (work: (client: pg.Client) => Promise<unknown>) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async open(kind) {
      let storage: Storage;
      if (kind === "sqlite") {
        storage = openSqliteStorage("sqlite::memory:", "/");
      } else {
        await withClient((client) => client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
        storage = await openPostgresStorage(`${POSTGRES_URL}?options=-c%20search_path%3D${schema}`, {
          onConnectionError() {},
        });
      }
      opened.push(storage);
      return storage;
    },
    async close() {
      await Promise.all(opened.map((storage) => storage.close()));
      await withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    },
  };
}
