import type { LogEvent } from "../../contract/log-event.js";

/** One stored request log: the columns queries filter on, and the whole event. */
export interface LogRecord {
  requestId: string;
  /** Unix ms. */
  startedAt: number;
  durationMs: number;
  timeToFirstTokenMs?: number;
  gatewayMs: number;
  upstreamMs?: number;
  endpoint: string;
  dialect: string;
  model?: string;
  provider?: string;
  upstreamModel?: string;
  status: number;
  errorCode?: string;
  keyId?: string;
  projectId?: string;
  stream: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costUsd?: number;
  cacheStatus?: string;
  retries: number;
  fallbacks: number;
  captureLevel: string;
  metadata: Record<string, string>;
  /** The captured message text, for full-text search (`full` capture only). */
  messagesText?: string;
  /**
   * The whole event as JSON, made when the request was recorded. A record waits in the sink
   * queues for up to a flush interval; as one string it costs the young generation a copy, where
   * the event's objects cost a walk of each on every scavenge.
   */
  eventJson: string;
}

/** A stored log as the query API returns it. */
export interface StoredLog {
  /** Position in the store; the cursor of pagination. */
  sequence: number;
  event: LogEvent;
}
