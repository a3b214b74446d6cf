import type { LogRecord } from "../stores/logs/log-record.js";

/** A destination of request logs; `write` gets batches, one at a time. */
export interface LogSink {
  readonly name: string;
  write(records: readonly LogRecord[]): Promise<void>;
  close(): Promise<void>;
}
