import type { Database } from "better-sqlite3";
import type pg from "pg";

/**
 * The durable store behind keys, logs, caches and knowledge bases: a SQLite file on one
 * machine, PostgreSQL when many instances share state. Each feature keeps its own store module
 * with both implementations and its own versioned migrations (see run-migrations.ts).
 */
export type Storage = SqliteStorage | PostgresStorage;

interface StorageBase {
  /** A cheap round trip, for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SqliteStorage extends StorageBase {
  readonly kind: "sqlite";
  readonly database: Database;
}

export interface PostgresStorage extends StorageBase {
  readonly kind: "postgres";
  readonly pool: pg.Pool;
}
