import { buildLogWhere, groupSql, type SqlDialect, SqlParameters } from "./build-log-where.js";
import { INTERVAL_MS, type LogFilter, type UsageQuery, type UsageRow } from "./log-query.js";

/** The aggregate query of /admin/usage; percentiles are added per dialect by the caller. */
export function usageSql(
  filter: LogFilter,
  query: UsageQuery,
  dialect: SqlDialect,
  extraColumns = "",
): { sql: string; parameters: SqlParameters; keys: string } {
  const parameters = new SqlParameters(dialect);
  const group = groupSql(query.groupBy, dialect, parameters);
  const width = query.interval ? INTERVAL_MS[query.interval] : undefined;
  const bucket = width ? `(started_at / ${width}) * ${width}` : "NULL";
  const keys = `${group} AS group_value, ${bucket} AS bucket`;
  const where = buildLogWhere(filter, dialect, parameters);
  const sql = `SELECT ${keys}, COUNT(*) AS requests,
  SUM(CASE WHEN status >= 400 OR error_code IS NOT NULL THEN 1 ELSE 0 END) AS errors,
  SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
  SUM(cached_tokens) AS cached_tokens, SUM(reasoning_tokens) AS reasoning_tokens,
  SUM(COALESCE(cost_usd, 0)) AS cost_usd,
  SUM(CASE WHEN cache_status LIKE '%hit%' THEN 1 ELSE 0 END) AS cache_hits${extraColumns}
FROM request_logs ${where} GROUP BY 1, 2 ORDER BY 2, 1`;
  return { sql, parameters, keys };
}

export interface UsageSqlRow {
  group_value: string | null;
  bucket: number | string | null;
  requests: number | string;
  errors: number | string;
  input_tokens: number | string;
  output_tokens: number | string;
  cached_tokens: number | string;
  reasoning_tokens: number | string;
  cost_usd: number | string;
  cache_hits: number | string;
  p50?: number | null;
  p95?: number | null;
}

/** One result row; PostgreSQL returns BIGINT sums as strings. */
export function toUsageRow(row: UsageSqlRow, p50: number | null, p95: number | null): UsageRow {
  const requests = Number(row.requests);
  const errors = Number(row.errors);
  const cacheHits = Number(row.cache_hits);
  return {
    group: row.group_value === null ? null : String(row.group_value),
    bucket: row.bucket === null ? null : new Date(Number(row.bucket)).toISOString(),
    requests,
    errors,
    errorRate: requests === 0 ? 0 : errors / requests,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cachedTokens: Number(row.cached_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    costUsd: Number(row.cost_usd),
    latencyP50Ms: p50,
    latencyP95Ms: p95,
    cacheHits,
    cacheHitRate: requests === 0 ? 0 : cacheHits / requests,
  };
}

/** Linear interpolation between closest ranks, as PostgreSQL's percentile_cont. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? low;
  return low + (high - low) * (position - lower);
}
