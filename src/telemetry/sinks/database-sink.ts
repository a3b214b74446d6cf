import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogStore } from "../../stores/logs/log-store.js";
import type { LogSink } from "../log-sink.js";

/** Writes batches into the gateway's own log store (SQLite or PostgreSQL). */
export function databaseSink(store: LogStore): LogSink {
  return {
    name: "database",
    write: (records: readonly LogRecord[]) => store.insert(records),
    // The storage itself is closed by the process, after the queues are drained.
    close: async () => {},
  };
}
