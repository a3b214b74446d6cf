import type pg from "pg";
import type { PostgresStorage } from "./storage.js";

/** A PostgreSQL pool; each feature's migrations create its tables. */
export async function openPostgresStorage(url: string): Promise<PostgresStorage> {
  // Loaded only for a postgres:// storage URL.
  const { default: postgres } = await import("pg");
  const pool: pg.Pool = new postgres.Pool({ connectionString: url, max: 10 });
  await pool.query("SELECT 1");
  return {
    kind: "postgres",
    pool,
    async ping() {
      await pool.query("SELECT 1");
    },
    close: () => pool.end(),
  };
}
