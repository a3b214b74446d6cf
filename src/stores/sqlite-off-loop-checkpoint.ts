import Database from "better-sqlite3";
import { syncFile, withSynchronous } from "./sqlite-durability.js";

/**
 * Checkpoints a WAL database (copies the WAL's pages into the database file) with the disk
 * syncs off the event loop. SQLite's own checkpoint runs inside the commit that makes the WAL
 * 1,000 pages long and syncs the WAL and then the database file there. better-sqlite3 runs on the
 * event loop, so every request would wait 12–15 ms per checkpoint, most of it for the syncs (see
 * docs/performance.md, SQLite writes).
 *
 * Here the copy runs with `synchronous = OFF`, so SQLite syncs nothing, and the database file is
 * synced afterwards on libuv's thread pool. That is only safe while the WAL still holds every
 * frame that was copied: a writer that finds the WAL fully copied starts it over from the top
 * and overwrites it. So a second connection first opens a read transaction over the whole WAL
 * (a reader's mark stops any connection, in this process or another, from starting the WAL
 * over) and closes it only once the database file is on disk. A power loss before that leaves
 * the frames in the WAL, which SQLite replays on open.
 *
 * The caller must have synced the WAL first (commitOffLoop does): SQLite would sync it before
 * copying, and with `synchronous = OFF` it does not. `connectionSetting` is the connection's
 * own `synchronous` value, restored after the copy.
 */
export async function checkpointOffLoop(database: Database.Database, connectionSetting: number): Promise<void> {
  const reader = new Database(database.name, { fileMustExist: true });
  try {
    reader.exec("BEGIN");
    reader.prepare("SELECT 1 FROM sqlite_master LIMIT 1").get();
    withSynchronous(database, "OFF", connectionSetting, () => database.pragma("wal_checkpoint(PASSIVE)"));
    await syncFile(database.name);
  } finally {
    // Closing ends the read transaction: from here a writer may start the WAL over.
    reader.close();
  }
}
