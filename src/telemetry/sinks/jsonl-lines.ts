import type { LogRecord } from "../../stores/logs/log-record.js";

/** One JSON line per log event, the same shape as GET /admin/logs/:id. */
export function jsonlLines(records: readonly LogRecord[]): string {
  let text = "";
  for (const record of records) text += `${record.eventJson}\n`;
  return text;
}
