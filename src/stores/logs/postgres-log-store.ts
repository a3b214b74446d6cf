import type pg from "pg";
import { buildLogWhere, RECORD_COLUMNS, SqlParameters } from "./build-log-where.js";
import type { LogFilter, LogPage, UsageQuery, UsageRow } from "./log-query.js";
import type { LogRecord, StoredLog } from "./log-record.js";
import type { LogStore } from "./log-store.js";
import { recordValues } from "./record-values.js";
import { toUsageRow, type UsageSqlRow, usageSql } from "./usage-sql.js";

interface EventRow {
  seq: string;
  event: StoredLog["event"];
}

const INSERT_COLUMNS = [...RECORD_COLUMNS, "messages"];

/** Request logs in PostgreSQL, shared by every instance; captured text is searched with tsvector. */
export class PostgresLogStore implements LogStore {
  constructor(private readonly pool: pg.Pool) {}

  async insert(records: readonly LogRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One multi-row INSERT per batch; PostgreSQL allows 65,535 parameters per statement.
    const perStatement = Math.floor(60_000 / INSERT_COLUMNS.length);
    for (let start = 0; start < records.length; start += perStatement) {
      const slice = records.slice(start, start + perStatement);
      const values: unknown[] = [];
      const rows = slice.map((record) => {
        const first = values.length;
        values.push(...recordValues(record, false), record.messagesText ?? null);
        return `(${INSERT_COLUMNS.map((_, index) => `$${first + index + 1}`).join(", ")})`;
      });
      await this.pool.query(
        `INSERT INTO request_logs (${INSERT_COLUMNS.join(", ")}) VALUES ${rows.join(", ")}`,
        values,
      );
    }
  }

  async list(filter: LogFilter, page: LogPage): Promise<StoredLog[]> {
    const parameters = new SqlParameters("postgres");
    let where = buildLogWhere(filter, "postgres", parameters);
    if (page.before !== undefined) {
      where = `${where ? `${where} AND` : "WHERE"} seq < ${parameters.add(page.before)}`;
    }
    const { rows } = await this.pool.query<EventRow>(
      `SELECT seq, event FROM request_logs ${where} ORDER BY seq DESC LIMIT ${parameters.add(page.limit)}`,
      parameters.values,
    );
    return rows.map(toStoredLog);
  }

  async get(requestId: string): Promise<StoredLog | undefined> {
    const { rows } = await this.pool.query<EventRow>(
      "SELECT seq, event FROM request_logs WHERE request_id = $1 ORDER BY seq DESC LIMIT 1",
      [requestId],
    );
    return rows[0] ? toStoredLog(rows[0]) : undefined;
  }

  async usage(filter: LogFilter, query: UsageQuery): Promise<UsageRow[]> {
    const { sql, parameters } = usageSql(
      filter,
      query,
      "postgres",
      `,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95`,
    );
    const { rows } = await this.pool.query<UsageSqlRow>(sql, parameters.values);
    return rows.map((row) => toUsageRow(row, row.p50 ?? null, row.p95 ?? null));
  }

  async deleteBefore(before: number): Promise<number> {
    const result = await this.pool.query("DELETE FROM request_logs WHERE started_at < $1", [before]);
    return result.rowCount ?? 0;
  }
}

function toStoredLog(row: EventRow): StoredLog {
  return { sequence: Number(row.seq), event: row.event };
}
