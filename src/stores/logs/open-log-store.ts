import { runMigrations } from "../run-migrations.js";
import type { Storage } from "../storage.js";
import { logMigrations } from "./log-migrations.js";
import type { LogStore } from "./log-store.js";
import { PostgresLogStore } from "./postgres-log-store.js";
import { SqliteLogStore } from "./sqlite-log-store.js";

/** The log store on the gateway's storage, its table migrated. */
export async function openLogStore(storage: Storage): Promise<LogStore> {
  await runMigrations(storage, "logs", logMigrations);
  return storage.kind === "sqlite" ? new SqliteLogStore(storage.database) : new PostgresLogStore(storage.pool);
}
