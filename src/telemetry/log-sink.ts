import type { LogRecord } from "../stores/logs/log-record.js";

/**
 * A destination of request logs; `write` gets batches, one at a time. A write that stored part of
 * its batch before failing rejects with a PartialWriteError, so that only the rest is retried.
 */
export interface LogSink {
  readonly name: string;
  write(records: readonly LogRecord[]): Promise<void>;
  close(): Promise<void>;
}
