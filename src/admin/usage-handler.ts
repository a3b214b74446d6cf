import type { Exchange } from "../inbound/http/exchange.js";
import { METADATA_KEY_PATTERN, type UsageGroup, type UsageQuery } from "../stores/logs/log-query.js";
import { badParameter, logFilterFromQuery, queryOf } from "./log-filter-from-query.js";
import { logStoreOf } from "./logs-handlers.js";
import { exportFormat, sendExport } from "./send-export.js";

const GROUPS = new Set(["model", "provider", "key", "project"]);
const COLUMNS = [
  "group",
  "bucket",
  "requests",
  "errors",
  "errorRate",
  "inputTokens",
  "outputTokens",
  "cachedTokens",
  "reasoningTokens",
  "costUsd",
  "latencyP50Ms",
  "latencyP95Ms",
  "cacheHits",
  "cacheHitRate",
];

function usageQuery(query: URLSearchParams): UsageQuery {
  const groupBy = query.get("group_by") ?? "model";
  const isMetadata = groupBy.startsWith("metadata.") && METADATA_KEY_PATTERN.test(groupBy.slice("metadata.".length));
  if (!GROUPS.has(groupBy) && !isMetadata) {
    throw badParameter("group_by", "model, provider, key, project or metadata.<field>");
  }
  const interval = query.get("interval") ?? undefined;
  if (interval !== undefined && interval !== "hour" && interval !== "day")
    throw badParameter("interval", "hour or day");
  return { groupBy: groupBy as UsageGroup, interval };
}

/**
 * GET /admin/usage?group_by=model|provider|key|project|metadata.<field>&interval=hour|day
 * with the filters of /admin/logs: requests, tokens, cost, error rate, latency p50/p95 and
 * cache hit rate per group and bucket. `format=csv|jsonl` exports the rows.
 */
export async function handleUsage(exchange: Exchange): Promise<void> {
  const store = logStoreOf(exchange);
  const query = queryOf(exchange.request.url);
  const format = exportFormat(query);
  const usage = usageQuery(query);
  const rows = await store.usage(logFilterFromQuery(query), usage);
  sendExport(exchange, format, "usage", rows as unknown as Array<Record<string, unknown>>, COLUMNS, () => ({
    object: "list",
    group_by: usage.groupBy,
    interval: usage.interval ?? null,
    data: rows,
  }));
}
