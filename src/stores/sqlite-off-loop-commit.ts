import { open } from "node:fs/promises";
import type { Database } from "better-sqlite3";

/**
 * Wraps a write transaction so that its commit does not wait for the disk on the event loop.
 *
 * better-sqlite3 runs on the event loop, so under `synchronous = FULL` every commit blocks all
 * requests for the fsync of the WAL (0.7 ms typically, 10 ms and more at times, measured by the
 * bench). Here the transaction commits under `synchronous = NORMAL` (in WAL mode the database
 * stays consistent after a power loss; only the last commits may be missing), and the WAL file is
 * then fsynced on libuv's thread pool. The returned promise resolves once that fsync is done, so
 * a caller that awaits it has the same durability as under FULL.
 *
 * The connection's own setting is restored after each commit, so other writers are unchanged.
 * Without a WAL file (an in-memory database, or a file system where WAL is refused) the
 * transaction simply runs as it is.
 */
export function commitOffLoop<Arguments extends unknown[]>(
  database: Database,
  transaction: (...args: Arguments) => void,
): (...args: Arguments) => Promise<void> {
  const walPath = walFileOf(database);
  if (walPath === undefined) {
    return async (...args) => transaction(...args);
  }
  const connectionSetting = database.pragma("synchronous", { simple: true }) as number;
  // Run with exec each time: SQLite applies this pragma when it compiles it, so a prepared
  // statement would change the setting once, at prepare, and never again.
  return async (...args) => {
    database.exec("PRAGMA synchronous = NORMAL");
    try {
      transaction(...args);
    } finally {
      database.exec(`PRAGMA synchronous = ${connectionSetting}`);
    }
    await syncFile(walPath);
  };
}

function walFileOf(database: Database): string | undefined {
  if (database.memory || database.name === "") return undefined;
  const mode = database.pragma("journal_mode", { simple: true });
  return mode === "wal" ? `${database.name}-wal` : undefined;
}

/** fsync on the thread pool; fsync through a read-only descriptor flushes the file's data too. */
async function syncFile(path: string): Promise<void> {
  const file = await open(path, "r");
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
