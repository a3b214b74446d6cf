import { GatewayError } from "../contract/errors.js";
import type { LogEvent } from "../contract/log-event.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import type { LogStore } from "../stores/logs/log-store.js";
import { pathSegment } from "./admin-request.js";
import { authorizeAdmin } from "./authorize-admin.js";
import { badParameter, logFilterFromQuery, queryOf } from "./log-filter-from-query.js";
import { exportFormat, sendExport } from "./send-export.js";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1_000;
const CSV_COLUMNS = [
  "requestId",
  "startedAt",
  "durationMs",
  "timeToFirstTokenMs",
  "gatewayMs",
  "endpoint",
  "dialect",
  "model",
  "provider",
  "upstreamModel",
  "status",
  "errorCode",
  "keyId",
  "projectId",
  "stream",
  "inputTokens",
  "outputTokens",
  "cachedTokens",
  "reasoningTokens",
  "costUsd",
  "cacheStatus",
  "retries",
  "fallbacks",
  "clientAddress",
  "userAgent",
  "metadata",
];

export function logStoreOf(exchange: Exchange): LogStore {
  authorizeAdmin(exchange);
  const store = exchange.runtime.telemetry?.store;
  if (!store) throw new GatewayError("internal_error", "Request logs are not available in this runtime.");
  return store;
}

/** A log event flattened for CSV. */
function flatten(event: LogEvent): Record<string, unknown> {
  return {
    ...event,
    inputTokens: event.usage?.inputTokens,
    outputTokens: event.usage?.outputTokens,
    cachedTokens: event.usage?.cachedInputTokens,
    reasoningTokens: event.usage?.reasoningTokens,
  };
}

/**
 * GET /admin/logs: newest first, filtered (see logFilterFromQuery), `limit` per page;
 * `cursor` is the `next_cursor` of the previous page. `format=csv|jsonl` exports the page.
 */
export async function handleListLogs(exchange: Exchange): Promise<void> {
  const store = logStoreOf(exchange);
  const query = queryOf(exchange.request.url);
  const format = exportFormat(query);
  const limitText = query.get("limit");
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badParameter("limit", `1 to ${MAX_LIMIT}`);
  const cursorText = query.get("cursor");
  const before = cursorText === null ? undefined : Number(cursorText);
  if (before !== undefined && (!Number.isInteger(before) || before < 0)) {
    throw badParameter("cursor", "the next_cursor of a previous page");
  }
  const logs = await store.list(logFilterFromQuery(query), { before, limit });
  const last = logs.at(-1);
  const nextCursor = logs.length === limit && last ? String(last.sequence) : null;
  const events = logs.map((log) => log.event);
  sendExport(
    exchange,
    format,
    "logs",
    format === "csv" ? events.map(flatten) : (events as unknown as Array<Record<string, unknown>>),
    CSV_COLUMNS,
    () => ({ object: "list", data: events, next_cursor: nextCursor, has_more: nextCursor !== null }),
    nextCursor ? { "x-next-cursor": nextCursor } : {},
  );
}

/** GET /admin/logs/:id, by request id (the x-request-id). */
export async function handleGetLog(exchange: Exchange): Promise<void> {
  const store = logStoreOf(exchange);
  const requestId = pathSegment(exchange, 3);
  const log = await store.get(requestId);
  if (!log) throw new GatewayError("log_not_found", `No request log has the id "${requestId.slice(0, 128)}".`);
  sendJson(exchange, 200, JSON.stringify(log.event));
}
