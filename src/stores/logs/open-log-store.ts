import { runMigrations } from "../run-migrations.js";
import type { Storage } from "../storage.js";
import { logMigrations } from "./log-migrations.js";
import type { LogStore } from "./log-store.js";
import { PostgresLogStore } from "./postgres-log-store.js";
import { SqliteLogStore } from "./sqlite-log-store.js";
import { SqliteLogWriter } from "./sqlite-log-writer.js";

/** The log store on the gateway's storage, its table migrated. */
export async function openLogStore(storage: Storage): Promise<LogStore> {
  await runMigrations(storage, "logs", logMigrations);
  if (storage.kind === "postgres") return new PostgresLogStore(storage.pool);
  const { database } = storage;
  return new SqliteLogStore(database, database.memory ? undefined : new SqliteLogWriter(database.name));
}
