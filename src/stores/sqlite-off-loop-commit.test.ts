import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PartialWriteError } from "./partial-write-error.js";
import { commitOffLoop } from "./sqlite-off-loop-commit.js";
import { openSqliteStorage } from "./sqlite-storage.js";

function fileDatabase() {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-commit-"));
  const { database } = openSqliteStorage("sqlite:log.db", directory);
  database.exec("CREATE TABLE rows (value INTEGER NOT NULL)");
  return database;
}

const synchronous = (database: Database.Database) => database.pragma("synchronous", { simple: true });
const count = (database: Database.Database) => database.prepare("SELECT count(*) AS n FROM rows").get();

function insertRows(database: Database.Database, seen: (slice: readonly number[]) => void = () => {}) {
  const insert = database.prepare("INSERT INTO rows (value) VALUES (?)");
  return database.transaction((values: readonly number[]) => {
    seen(values);
    for (const value of values) insert.run(value);
  });
}

describe("commitOffLoop", () => {
  it("commits under synchronous NORMAL and gives the connection its FULL back", async () => {
    const database = fileDatabase();
    const seenInside: unknown[] = [];
    const write = commitOffLoop(
      database,
      insertRows(database, () => seenInside.push(synchronous(database))),
      10,
    );
    await write([1, 2, 3]);
    expect(seenInside).toEqual([1]);
    expect(synchronous(database)).toBe(2);
    expect(count(database)).toEqual({ n: 3 });
  });

  it("writes in slices, one transaction each, and lets other work run between them", async () => {
    const database = fileDatabase();
    const order: string[] = [];
    const write = commitOffLoop(
      database,
      insertRows(database, (slice) => order.push(`slice of ${slice.length}`)),
      2,
    );
    // Queued before the write starts, so it is next in line once the first slice is in.
    setImmediate(() => order.push("other work"));
    await write([1, 2, 3, 4, 5]);
    expect(order).toEqual(["slice of 2", "other work", "slice of 2", "slice of 1"]);
    expect(count(database)).toEqual({ n: 5 });
  });

  it("says how many rows are in when a later slice fails, and restores the setting", async () => {
    const database = fileDatabase();
    const write = commitOffLoop(database, insertRows(database), 2);
    const failure = await write([1, 2, 3, null as unknown as number]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PartialWriteError);
    expect((failure as PartialWriteError).written).toBe(2);
    expect((failure as PartialWriteError).message).toMatch(/after 2 records.*NOT NULL/);
    expect(count(database)).toEqual({ n: 2 });
    expect(synchronous(database)).toBe(2);
  });

  it("rejects with the error itself when nothing was written", async () => {
    const database = fileDatabase();
    const write = commitOffLoop(database, insertRows(database), 2);
    const failure = await write([null as unknown as number, 1]).catch((error: unknown) => error);
    expect(failure).not.toBeInstanceOf(PartialWriteError);
    expect((failure as Error).message).toMatch(/NOT NULL/);
    expect(synchronous(database)).toBe(2);
  });

  it("runs the slices as they are on an in-memory database", async () => {
    const database = new Database(":memory:");
    database.exec("CREATE TABLE rows (value INTEGER NOT NULL)");
    const write = commitOffLoop(database, insertRows(database), 2);
    await write([1, 2, 3]);
    expect(count(database)).toEqual({ n: 3 });
  });
});
