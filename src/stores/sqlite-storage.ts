import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { SqliteStorage } from "./storage.js";

/** A SQLite file (WAL mode), created with its folder on first start. */
export function openSqliteStorage(url: string, baseDirectory: string): SqliteStorage {
  const location = url.replace(/^sqlite:(\/\/)?/, "");
  const path = location === ":memory:" ? location : resolve(baseDirectory, location);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  // FULL, not NORMAL: with NORMAL the WAL checkpoints fsync many pages at once, and since
  // better-sqlite3 runs on the event loop that stalls requests for ~200 ms (see
  // docs/performance.md, SQLite writes).
  database.pragma("synchronous = FULL");
  // Another instance or the CLI may hold the write lock briefly.
  database.pragma("busy_timeout = 5000");
  const ping = database.prepare("SELECT 1");
  return {
    kind: "sqlite",
    database,
    async ping() {
      ping.get();
    },
    async close() {
      database.close();
    },
  };
}
