import { isConnectionFailure } from "../../stores/is-connection-failure.js";
import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogStore } from "../../stores/logs/log-store.js";
import type { Storage } from "../../stores/storage.js";
import type { LogSink } from "../log-sink.js";

/**
 * Writes batches into the gateway's own log store (SQLite or PostgreSQL). While PostgreSQL is
 * away its batches are held, not dropped: they are written when it returns.
 */
export function databaseSink(store: LogStore, kind: Storage["kind"]): LogSink {
  return {
    name: "database",
    write: (records: readonly LogRecord[]) => store.insert(records),
    isUnavailable: kind === "postgres" ? isConnectionFailure : undefined,
    // The storage itself is closed by the process, after the queues are drained.
    close: async () => {},
  };
}
