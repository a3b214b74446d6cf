import type { LogFilter } from "./log-query.js";

export type SqlDialect = "sqlite" | "postgres";

/** Turns parameters into `?` (SQLite) or `$n` (PostgreSQL) placeholders as they are added. */
export class SqlParameters {
  readonly values: unknown[] = [];
  constructor(private readonly dialect: SqlDialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect === "sqlite" ? "?" : `$${this.values.length}`;
  }
}

/** The SQL of one metadata field's value. Keys are checked against METADATA_KEY_PATTERN first. */
export function metadataValueSql(dialect: SqlDialect, key: string, parameters: SqlParameters): string {
  return dialect === "sqlite"
    ? `json_extract(metadata, ${parameters.add(`$."${key}"`)})`
    : `(metadata ->> ${parameters.add(key)})`;
}

/** The WHERE clause (possibly empty) of a log filter. */
export function buildLogWhere(filter: LogFilter, dialect: SqlDialect, parameters: SqlParameters): string {
  const conditions: string[] = [];
  if (filter.from !== undefined) conditions.push(`started_at >= ${parameters.add(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`started_at < ${parameters.add(filter.to)}`);
  const equal: Array<[string, unknown]> = [
    ["key_id", filter.keyId],
    ["project_id", filter.projectId],
    ["model", filter.model],
    ["provider", filter.provider],
    ["status", filter.status],
    ["cache_status", filter.cacheStatus],
  ];
  for (const [column, value] of equal) {
    if (value !== undefined) conditions.push(`${column} = ${parameters.add(value)}`);
  }
  for (const [key, value] of Object.entries(filter.metadata)) {
    conditions.push(`${metadataValueSql(dialect, key, parameters)} = ${parameters.add(value)}`);
  }
  if (filter.text) {
    conditions.push(
      dialect === "sqlite"
        ? `seq IN (SELECT rowid FROM request_logs_text WHERE request_logs_text MATCH ${parameters.add(ftsPhrase(filter.text))})`
        : `messages_search @@ plainto_tsquery('simple', ${parameters.add(filter.text)})`,
    );
  }
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}

/** Each word as a quoted FTS5 string, so user text is never read as query syntax. */
function ftsPhrase(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => `"${word.replaceAll('"', '""')}"`)
    .join(" ");
}

/** The SQL of a usage group column. */
export function groupSql(groupBy: string, dialect: SqlDialect, parameters: SqlParameters): string {
  switch (groupBy) {
    case "model":
      return "model";
    case "provider":
      return "provider";
    case "key":
      return "key_id";
    case "project":
      return "project_id";
    default:
      return metadataValueSql(dialect, groupBy.slice("metadata.".length), parameters);
  }
}

/** Flat columns of a log record in insert order. */
export const RECORD_COLUMNS = [
  "request_id",
  "started_at",
  "duration_ms",
  "ttft_ms",
  "gateway_ms",
  "upstream_ms",
  "endpoint",
  "dialect",
  "model",
  "provider",
  "upstream_model",
  "status",
  "error_code",
  "key_id",
  "project_id",
  "stream",
  "input_tokens",
  "output_tokens",
  "cached_tokens",
  "reasoning_tokens",
  "cost_usd",
  "cache_status",
  "retries",
  "fallbacks",
  "capture_level",
  "metadata",
  "event",
] as const;
