import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runMigrations } from "../run-migrations.js";
import { openSqliteStorage } from "../sqlite-storage.js";
import type { SqliteStorage } from "../storage.js";
import { RECORD_COLUMNS } from "./build-log-where.js";
import { logMigrations } from "./log-migrations.js";
import { SqliteLogWriter } from "./sqlite-log-writer.js";

let storage: SqliteStorage | undefined;
let writer: SqliteLogWriter | undefined;

afterEach(async () => {
  await writer?.close();
  await storage?.close();
});

async function open(): Promise<{ storage: SqliteStorage; writer: SqliteLogWriter }> {
  const opened = openSqliteStorage("sqlite://logs.db", mkdtempSync(join(tmpdir(), "switchyard-writer-")));
  if (opened.kind !== "sqlite") throw new Error("expected SQLite");
  await runMigrations(opened, "logs", logMigrations);
  storage = opened;
  writer = new SqliteLogWriter(opened.database.name);
  return { storage: opened, writer };
}

/** A row in RECORD_COLUMNS order, with the given request id. */
function row(requestId: string): unknown[] {
  const values: Record<string, unknown> = {
    request_id: requestId,
    started_at: 1_767_261_600_000,
    duration_ms: 12,
    gateway_ms: 1,
    endpoint: "chat",
    dialect: "openai-chat",
    status: 200,
    stream: 0,
    input_tokens: 3,
    output_tokens: 2,
    cached_tokens: 0,
    reasoning_tokens: 0,
    retries: 0,
    fallbacks: 0,
    capture_level: "none",
    metadata: "{}",
    event: JSON.stringify({ requestId }),
  };
  return RECORD_COLUMNS.map((column) => values[column] ?? null);
}

describe("SqliteLogWriter", () => {
  it("writes batches from its thread, readable at once on the main connection", async () => {
    const { storage: opened, writer: logs } = await open();
    await logs.write([row("a"), row("b")], [null, "hello capybara"]);
    await logs.write([row("c")], [null]);
    const ids = opened.database.prepare("SELECT request_id FROM request_logs ORDER BY seq").all();
    expect(ids).toEqual([{ request_id: "a" }, { request_id: "b" }, { request_id: "c" }]);
    const text = opened.database
      .prepare("SELECT rowid FROM request_logs_text WHERE request_logs_text MATCH 'capybara'")
      .all();
    expect(text).toEqual([{ rowid: 2 }]);
  });

  it("fails a batch the database refuses, as a whole, and goes on with the next", async () => {
    const { storage: opened, writer: logs } = await open();
    const broken = row("x");
    broken[RECORD_COLUMNS.indexOf("status")] = null;
    await expect(logs.write([row("kept-out"), broken], [null, null])).rejects.toThrow(/Writing request logs failed/);
    await logs.write([row("y")], [null]);
    const ids = opened.database.prepare("SELECT request_id FROM request_logs").all();
    expect(ids).toEqual([{ request_id: "y" }]);
  });

  it("writes again after close, from a new thread", async () => {
    const { storage: opened, writer: logs } = await open();
    await logs.write([row("before")], [null]);
    await logs.close();
    await logs.write([row("after")], [null]);
    expect(opened.database.prepare("SELECT count(*) AS n FROM request_logs").get()).toEqual({ n: 2 });
  });
});
