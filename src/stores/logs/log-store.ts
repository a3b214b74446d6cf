import type { LogFilter, LogPage, UsageQuery, UsageRow } from "./log-query.js";
import type { LogRecord, StoredLog } from "./log-record.js";

/** Where request logs are kept and queried: SQLite or PostgreSQL (see open-log-store.ts). */
export interface LogStore {
  insert(records: readonly LogRecord[]): Promise<void>;
  /** Newest first. */
  list(filter: LogFilter, page: LogPage): Promise<StoredLog[]>;
  /** The newest log with this request id. */
  get(requestId: string): Promise<StoredLog | undefined>;
  usage(filter: LogFilter, query: UsageQuery): Promise<UsageRow[]>;
  /** Deletes logs that started before `before` (Unix ms); returns how many. */
  deleteBefore(before: number): Promise<number>;
}
