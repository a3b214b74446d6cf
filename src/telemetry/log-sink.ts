import type { LogRecord } from "../stores/logs/log-record.js";

/**
 * A destination of request logs; `write` gets batches, one at a time. A write that stored part of
 * its batch before failing rejects with a PartialWriteError, so that only the rest is retried.
 */
export interface LogSink {
  readonly name: string;
  write(records: readonly LogRecord[]): Promise<void>;
  /**
   * Whether a failed write means the destination is away (an outage) rather than refusing the
   * batch. The queue then holds the batch and tries again until the destination returns,
   * without counting an attempt; what arrives meanwhile waits in the bounded buffer.
   */
  isUnavailable?(error: unknown): boolean;
  close(): Promise<void>;
}
