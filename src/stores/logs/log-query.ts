/** Filters of GET /admin/logs and /admin/usage. Every field narrows; all are optional. */
export interface LogFilter {
  /** Unix ms, inclusive. */
  from?: number;
  /** Unix ms, exclusive. */
  to?: number;
  keyId?: string;
  projectId?: string;
  model?: string;
  provider?: string;
  status?: number;
  cacheStatus?: string;
  /** Every pair must match the request's metadata. */
  metadata: Record<string, string>;
  /** Words that must appear in the captured messages. */
  text?: string;
}

export interface LogPage {
  /** Logs newer than this sequence are skipped (the `next` cursor of the previous page). */
  before?: number;
  limit: number;
}

export type UsageGroup = "model" | "provider" | "key" | "project" | `metadata.${string}`;

export interface UsageQuery {
  groupBy: UsageGroup;
  /** Bucket width; undefined sums the whole range. */
  interval?: "hour" | "day";
}

export interface UsageRow {
  group: string | null;
  /** ISO start of the bucket (null without an interval). */
  bucket: string | null;
  requests: number;
  errors: number;
  errorRate: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costUsd: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  cacheHits: number;
  cacheHitRate: number;
}

export const METADATA_KEY_PATTERN = /^[\w.:-]{1,64}$/;

export const INTERVAL_MS = { hour: 3_600_000, day: 86_400_000 } as const;
