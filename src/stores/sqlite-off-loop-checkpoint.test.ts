import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { checkpointOffLoop } from "./sqlite-off-loop-checkpoint.js";
import { commitOffLoop } from "./sqlite-off-loop-commit.js";
import { openSqliteStorage } from "./sqlite-storage.js";

const FULL = 2;

function fileDatabase() {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-checkpoint-"));
  const { database } = openSqliteStorage("sqlite:log.db", directory);
  database.exec("CREATE TABLE rows (value TEXT NOT NULL)");
  const insert = database.prepare("INSERT INTO rows (value) VALUES (?)");
  const insertRows = database.transaction((values: readonly string[]) => {
    for (const value of values) insert.run(value);
  });
  return { database, insertRows };
}

const sizeOf = (path: string) => statSync(path).size;
const rowsOf = (count: number) => Array.from({ length: count }, (_, index) => `${index}`.padEnd(2000, "x"));
const count = (database: Database.Database) => database.prepare("SELECT count(*) AS n FROM rows").get();

describe("checkpointOffLoop", () => {
  it("copies the WAL into the database file and gives the connection its setting back", async () => {
    const { database, insertRows } = fileDatabase();
    const before = sizeOf(database.name);
    insertRows(rowsOf(20));
    expect(sizeOf(database.name)).toBe(before);
    await checkpointOffLoop(database, FULL);
    expect(sizeOf(database.name)).toBeGreaterThan(before + 20 * 2000);
    expect(database.pragma("synchronous", { simple: true })).toBe(FULL);
  });

  it("keeps the WAL from starting over until the database file is synced, then lets it", async () => {
    const { database, insertRows } = fileDatabase();
    const wal = `${database.name}-wal`;
    insertRows(rowsOf(20));
    const walSize = sizeOf(wal);
    const checkpoint = checkpointOffLoop(database, FULL);
    // The pages are copied and the file's sync is under way: a write now must not overwrite
    // the frames at the head of the WAL, so it goes after them.
    insertRows(rowsOf(1));
    expect(sizeOf(wal)).toBeGreaterThan(walSize);
    await checkpoint;
    // The reader is gone: a full checkpoint lets the next write start the WAL over.
    database.pragma("wal_checkpoint(PASSIVE)");
    const grown = sizeOf(wal);
    insertRows(rowsOf(1));
    expect(sizeOf(wal)).toBe(grown);
    expect(count(database)).toEqual({ n: 22 });
  });
});

describe("commitOffLoop's checkpoints", () => {
  it("checkpoints off the loop every `checkpointEvery` items, not before", async () => {
    const { database, insertRows } = fileDatabase();
    const before = sizeOf(database.name);
    const write = commitOffLoop(database, insertRows, 4, 10);
    await write(rowsOf(6));
    expect(sizeOf(database.name)).toBe(before);
    await write(rowsOf(6));
    expect(sizeOf(database.name)).toBeGreaterThan(before + 12 * 2000);
    expect(database.pragma("synchronous", { simple: true })).toBe(FULL);
    expect(count(database)).toEqual({ n: 12 });
  });

  it("leaves SQLite's own checkpoints as a backstop, past the writer's", () => {
    const { database, insertRows } = fileDatabase();
    commitOffLoop(database, insertRows, 4);
    expect(database.pragma("wal_autocheckpoint", { simple: true })).toBe(4000);
  });
});
