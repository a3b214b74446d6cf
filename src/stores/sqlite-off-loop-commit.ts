import { setImmediate as nextTurn } from "node:timers/promises";
import type { Database } from "better-sqlite3";
import { PartialWriteError } from "./partial-write-error.js";
import { syncFile, withSynchronous } from "./sqlite-durability.js";
import { checkpointOffLoop } from "./sqlite-off-loop-checkpoint.js";

/**
 * SQLite's own checkpoint threshold (pages) once a writer checkpoints off the loop: four times
 * the default, so it fires only when these checkpoints fall behind (other writers on the
 * connection filling the WAL, or checkpoints that failed).
 */
const BACKSTOP_CHECKPOINT_PAGES = 4000;

/**
 * Wraps a write transaction so that neither its inserts nor its commit hold the event loop for
 * long. The returned function writes its items in slices of `sliceSize`, one transaction each,
 * and lets other work run between slices: better-sqlite3 runs on the event loop, and one
 * 500-row transaction of request logs holds every request for about 8 ms (see
 * docs/performance.md, SQLite writes).
 *
 * Commits wait for no disk either. Under `synchronous = FULL` every commit would block all
 * requests for the fsync of the WAL. Here each slice commits under `synchronous = NORMAL` (in WAL mode the database stays
 * consistent after a power loss; only the last commits may be missing), and the WAL file is
 * fsynced once at the end, on libuv's thread pool. The returned promise resolves once that fsync
 * is done, so a caller that awaits it has the same durability as under FULL. A slice that fails
 * rejects with a PartialWriteError when earlier slices are already in.
 *
 * The connection's own setting is restored after each commit, so other writers are unchanged.
 * Without a WAL file (an in-memory database, or a file system where WAL is refused) the slices
 * simply commit as they are.
 *
 * Every `checkpointEvery` items, once the WAL is synced, the WAL is checkpointed with its syncs
 * off the loop too (checkpointOffLoop), instead of SQLite's checkpoint inside a commit.
 */
export function commitOffLoop<Item>(
  database: Database,
  transaction: (slice: readonly Item[]) => void,
  sliceSize: number,
  checkpointEvery = 1000,
): (items: readonly Item[]) => Promise<void> {
  const wal = walOf(database);
  if (wal) database.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  let sinceCheckpoint = 0;
  const commit = (slice: readonly Item[]) =>
    wal ? withSynchronous(database, "NORMAL", wal.connectionSetting, () => transaction(slice)) : transaction(slice);
  return async (items) => {
    for (let start = 0; start < items.length; start += sliceSize) {
      if (start > 0) await nextTurn();
      try {
        commit(items.slice(start, start + sliceSize));
      } catch (error) {
        throw start > 0 ? new PartialWriteError(start, error) : error;
      }
    }
    if (!wal) return;
    await syncFile(wal.path);
    sinceCheckpoint += items.length;
    if (sinceCheckpoint < checkpointEvery) return;
    sinceCheckpoint = 0;
    // The items are stored either way; a checkpoint that failed is left to the next one, or to
    // SQLite's backstop.
    await checkpointOffLoop(database, wal.connectionSetting).catch(() => {});
  };
}

/** The WAL file and the connection's own `synchronous`; undefined for a database without a WAL. */
function walOf(database: Database): { path: string; connectionSetting: number } | undefined {
  if (database.memory || database.name === "") return undefined;
  if (database.pragma("journal_mode", { simple: true }) !== "wal") return undefined;
  return {
    path: `${database.name}-wal`,
    connectionSetting: database.pragma("synchronous", { simple: true }) as number,
  };
}
