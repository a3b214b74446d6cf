import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import { badParameter } from "./log-filter-from-query.js";

export type ExportFormat = "json" | "jsonl" | "csv";

export function exportFormat(query: URLSearchParams): ExportFormat {
  const format = query.get("format") ?? "json";
  if (format !== "json" && format !== "jsonl" && format !== "csv") throw badParameter("format", "json, jsonl or csv");
  return format;
}

/** RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: unknown): string {
  if (value === undefined || value === null) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** Sends rows as JSONL or CSV (a download), or `json` as given. */
export function sendExport(
  exchange: Exchange,
  format: ExportFormat,
  name: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  columns: readonly string[],
  json: () => unknown,
  headers: Record<string, string> = {},
): void {
  if (format === "json") {
    sendJson(exchange, 200, JSON.stringify(json()), headers);
    return;
  }
  const body = format === "csv" ? toCsv(columns, rows) : rows.map((row) => `${JSON.stringify(row)}\n`).join("");
  exchange.response.writeHead(200, {
    ...headers,
    "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
    "content-disposition": `attachment; filename="${name}.${format}"`,
    "content-length": Buffer.byteLength(body),
    "x-request-id": exchange.requestId,
  });
  exchange.response.end(body);
}
