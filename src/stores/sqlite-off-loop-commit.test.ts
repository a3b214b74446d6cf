import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { commitOffLoop } from "./sqlite-off-loop-commit.js";
import { openSqliteStorage } from "./sqlite-storage.js";

function fileDatabase() {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-commit-"));
  const { database } = openSqliteStorage("sqlite:log.db", directory);
  database.exec("CREATE TABLE rows (value INTEGER NOT NULL)");
  return database;
}

const synchronous = (database: Database.Database) => database.pragma("synchronous", { simple: true });

describe("commitOffLoop", () => {
  it("commits under synchronous NORMAL and gives the connection its FULL back", async () => {
    const database = fileDatabase();
    const seenInside: unknown[] = [];
    const insert = database.prepare("INSERT INTO rows (value) VALUES (?)");
    const write = commitOffLoop(
      database,
      database.transaction((values: number[]) => {
        seenInside.push(synchronous(database));
        for (const value of values) insert.run(value);
      }),
    );
    await write([1, 2, 3]);
    expect(seenInside).toEqual([1]);
    expect(synchronous(database)).toBe(2);
    expect(database.prepare("SELECT count(*) AS n FROM rows").get()).toEqual({ n: 3 });
  });

  it("restores the setting and rejects when the transaction fails", async () => {
    const database = fileDatabase();
    const write = commitOffLoop(
      database,
      database.transaction(() => {
        database.prepare("INSERT INTO rows (value) VALUES (NULL)").run();
      }),
    );
    await expect(write()).rejects.toThrow(/NOT NULL/);
    expect(synchronous(database)).toBe(2);
  });

  it("runs the transaction as it is on an in-memory database", async () => {
    const database = new Database(":memory:");
    database.exec("CREATE TABLE rows (value INTEGER)");
    const write = commitOffLoop(
      database,
      database.transaction(() => {
        database.prepare("INSERT INTO rows (value) VALUES (1)").run();
      }),
    );
    await write();
    expect(database.prepare("SELECT count(*) AS n FROM rows").get()).toEqual({ n: 1 });
  });
});
