import { open } from "node:fs/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Database } from "better-sqlite3";
import { PartialWriteError } from "./partial-write-error.js";

/**
 * Wraps a write transaction so that neither its inserts nor its commit hold the event loop for
 * long. The returned function writes its items in slices of `sliceSize`, one transaction each,
 * and lets other work run between slices: better-sqlite3 runs on the event loop, and one
 * 500-row transaction of request logs held every request for about 8 ms on the bench machine.
 *
 * Commits wait for no disk either. Under `synchronous = FULL` every commit would block all
 * requests for the fsync of the WAL (0.7 ms typically, 10 ms and more at times, measured by the
 * bench). Here each slice commits under `synchronous = NORMAL` (in WAL mode the database stays
 * consistent after a power loss; only the last commits may be missing), and the WAL file is
 * fsynced once at the end, on libuv's thread pool. The returned promise resolves once that fsync
 * is done, so a caller that awaits it has the same durability as under FULL. A slice that fails
 * rejects with a PartialWriteError when earlier slices are already in.
 *
 * The connection's own setting is restored after each commit, so other writers are unchanged.
 * Without a WAL file (an in-memory database, or a file system where WAL is refused) the slices
 * simply commit as they are.
 */
export function commitOffLoop<Item>(
  database: Database,
  transaction: (slice: readonly Item[]) => void,
  sliceSize: number,
): (items: readonly Item[]) => Promise<void> {
  const walPath = walFileOf(database);
  const connectionSetting =
    walPath === undefined ? undefined : (database.pragma("synchronous", { simple: true }) as number);
  // Run with exec each time: SQLite applies this pragma when it compiles it, so a prepared
  // statement would change the setting once, at prepare, and never again.
  const commit = (slice: readonly Item[]) => {
    if (connectionSetting === undefined) return transaction(slice);
    database.exec("PRAGMA synchronous = NORMAL");
    try {
      transaction(slice);
    } finally {
      database.exec(`PRAGMA synchronous = ${connectionSetting}`);
    }
  };
  return async (items) => {
    for (let start = 0; start < items.length; start += sliceSize) {
      if (start > 0) await nextTurn();
      try {
        commit(items.slice(start, start + sliceSize));
      } catch (error) {
        throw start > 0 ? new PartialWriteError(start, error) : error;
      }
    }
    if (walPath !== undefined) await syncFile(walPath);
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
