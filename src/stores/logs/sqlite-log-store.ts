import type { Database } from "better-sqlite3";
import { commitOffLoop } from "../sqlite-off-loop-commit.js";
import { buildLogWhere, RECORD_COLUMNS, SqlParameters } from "./build-log-where.js";
import type { LogFilter, LogPage, UsageQuery, UsageRow } from "./log-query.js";
import type { LogRecord, StoredLog } from "./log-record.js";
import type { LogStore } from "./log-store.js";
import { recordValues } from "./record-values.js";
import { percentile, toUsageRow, type UsageSqlRow, usageSql } from "./usage-sql.js";

/**
 * Rows per transaction: a 32-row slice holds the event loop for about 0.6 ms, where a whole
 * batch in one transaction holds it for the batch (see docs/performance.md, SQLite writes).
 */
const ROWS_PER_TRANSACTION = 32;

interface EventRow {
  seq: number;
  event: string;
}

/** Request logs in the gateway's SQLite file; captured text is indexed with FTS5. */
export class SqliteLogStore implements LogStore {
  private readonly insertRecord;
  private readonly insertText;
  private readonly insertMany;

  constructor(private readonly database: Database) {
    this.insertRecord = database.prepare(
      `INSERT INTO request_logs (${RECORD_COLUMNS.join(", ")}) VALUES (${RECORD_COLUMNS.map(() => "?").join(", ")})`,
    );
    this.insertText = database.prepare("INSERT INTO request_logs_text (rowid, messages) VALUES (?, ?)");
    // Short transactions with requests served between them, and one fsync per batch, off the loop.
    this.insertMany = commitOffLoop(
      database,
      database.transaction((records: readonly LogRecord[]) => {
        for (const record of records) {
          const result = this.insertRecord.run(...recordValues(record, true));
          if (record.messagesText) this.insertText.run(result.lastInsertRowid, record.messagesText);
        }
      }),
      ROWS_PER_TRANSACTION,
    );
  }

  insert(records: readonly LogRecord[]): Promise<void> {
    return this.insertMany(records);
  }

  async list(filter: LogFilter, page: LogPage): Promise<StoredLog[]> {
    const parameters = new SqlParameters("sqlite");
    let where = buildLogWhere(filter, "sqlite", parameters);
    if (page.before !== undefined) {
      where = `${where ? `${where} AND` : "WHERE"} seq < ${parameters.add(page.before)}`;
    }
    const rows = this.database
      .prepare(`SELECT seq, event FROM request_logs ${where} ORDER BY seq DESC LIMIT ${parameters.add(page.limit)}`)
      .all(...parameters.values) as EventRow[];
    return rows.map(toStoredLog);
  }

  async get(requestId: string): Promise<StoredLog | undefined> {
    const row = this.database
      .prepare("SELECT seq, event FROM request_logs WHERE request_id = ? ORDER BY seq DESC LIMIT 1")
      .get(requestId) as EventRow | undefined;
    return row ? toStoredLog(row) : undefined;
  }

  async usage(filter: LogFilter, query: UsageQuery): Promise<UsageRow[]> {
    const { sql, parameters, keys } = usageSql(filter, query, "sqlite");
    const rows = this.database.prepare(sql).all(...parameters.values) as UsageSqlRow[];
    // SQLite has no percentile function: read each group's latencies in order, once.
    const latencies = usageSql(filter, query, "sqlite");
    const where = latencies.sql.slice(latencies.sql.indexOf("FROM request_logs"), latencies.sql.indexOf(" GROUP BY"));
    const durations = new Map<string, number[]>();
    const statement = this.database.prepare(`SELECT ${keys}, duration_ms ${where} ORDER BY 1, 2, duration_ms`);
    for (const row of statement.iterate(...latencies.parameters.values) as Iterable<{
      group_value: unknown;
      bucket: unknown;
      duration_ms: number;
    }>) {
      const key = `${row.group_value}\u0000${row.bucket}`;
      const list = durations.get(key) ?? [];
      list.push(row.duration_ms);
      durations.set(key, list);
    }
    return rows.map((row) => {
      const sorted = durations.get(`${row.group_value}\u0000${row.bucket}`) ?? [];
      return toUsageRow(row, percentile(sorted, 0.5), percentile(sorted, 0.95));
    });
  }

  async deleteBefore(before: number): Promise<number> {
    return this.database.transaction(() => {
      this.database
        .prepare("DELETE FROM request_logs_text WHERE rowid IN (SELECT seq FROM request_logs WHERE started_at < ?)")
        .run(before);
      return this.database.prepare("DELETE FROM request_logs WHERE started_at < ?").run(before).changes;
    })();
  }
}

function toStoredLog(row: EventRow): StoredLog {
  return { sequence: row.seq, event: JSON.parse(row.event) };
}
