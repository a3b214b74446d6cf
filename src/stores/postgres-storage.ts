import pg from "pg";
import type { Storage } from "./storage.js";

/** A PostgreSQL pool; the schema comes with the features that need it. */
export async function openPostgresStorage(url: string): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query("CREATE TABLE IF NOT EXISTS switchyard_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  return {
    kind: "postgres",
    async ping() {
      await pool.query("SELECT 1");
    },
    close: () => pool.end(),
  };
}
