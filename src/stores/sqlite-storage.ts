import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Storage } from "./storage.js";

/** A SQLite file (WAL mode), created with its folder on first start. */
export function openSqliteStorage(url: string, baseDirectory: string): Storage {
  const location = url.replace(/^sqlite:(\/\/)?/, "");
  const path = location === ":memory:" ? location : resolve(baseDirectory, location);
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma("journal_mode = WAL");
  database.exec("CREATE TABLE IF NOT EXISTS switchyard_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  database
    .prepare("INSERT OR IGNORE INTO switchyard_meta (key, value) VALUES ('created_at', ?)")
    .run(new Date().toISOString());
  const ping = database.prepare("SELECT 1");
  return {
    kind: "sqlite",
    async ping() {
      ping.get();
    },
    async close() {
      database.close();
    },
  };
}
