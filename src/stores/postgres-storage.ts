import type pg from "pg";
import type { PostgresStorage } from "./storage.js";

export interface PostgresStorageOptions {
  /**
   * An idle connection the server ended (a restart, a failover, `pg_terminate_backend`, an idle
   * timeout). The pool drops it and opens a new one on the next query; without a listener the
   * pool's 'error' event would end the process.
   */
  onConnectionError(error: Error): void;
}

/** How long a query waits for a connection before it fails, so an outage answers fast instead of hanging. */
const CONNECT_TIMEOUT_MS = 2_000;

/** A PostgreSQL pool; each feature's migrations create its tables. */
export async function openPostgresStorage(url: string, options: PostgresStorageOptions): Promise<PostgresStorage> {
  // Loaded only for a postgres:// storage URL.
  const { default: postgres } = await import("pg");
  const pool: pg.Pool = new postgres.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  pool.on("error", (error) => options.onConnectionError(error));
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
