import { open } from "node:fs/promises";
import type { Database } from "better-sqlite3";

/**
 * Runs `write` with the connection's `synchronous` set to `level`, then gives it back `restoreTo`
 * (the connection's own setting), so other writers on the connection are unchanged. Run with
 * exec each time: SQLite applies this pragma when it compiles it, so a prepared statement would
 * change the setting once, at prepare, and never again.
 */
export function withSynchronous<T>(database: Database, level: "OFF" | "NORMAL", restoreTo: number, write: () => T): T {
  database.exec(`PRAGMA synchronous = ${level}`);
  try {
    return write();
  } finally {
    database.exec(`PRAGMA synchronous = ${restoreTo}`);
  }
}

/** fsync on the thread pool; fsync through a read-only descriptor flushes the file's data too. */
export async function syncFile(path: string): Promise<void> {
  const file = await open(path, "r");
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
