import type { Usage } from "./usage.js";

/** One record per request, emitted after the response (streams: after the last byte). */
export interface LogEvent {
  requestId: string;
  startedAt: string;
  durationMs: number;
  endpoint: string;
  dialect: string;
  /** The model the client asked for. */
  model?: string;
  provider?: string;
  upstreamModel?: string;
  status: number;
  keyId?: string;
  projectId?: string;
  /** The request's custom metadata (header, body and key). */
  metadata?: Record<string, string>;
  errorCode?: string;
  stream: boolean;
  usage?: Usage;
  /** ms spent in the gateway itself (total minus upstream). */
  gatewayMs: number;
  upstreamMs?: number;
  timeToFirstTokenMs?: number;
  fields: Record<string, unknown>;
  /** Each upstream attempt in order (retries and fallbacks included). */
  attempts?: LogAttempt[];
  /** The client's address and user agent. */
  clientAddress?: string;
  userAgent?: string;
  /** OpenAI's `user` field: the end user the client named. */
  user?: string;
  /** What message capture recorded (see docs/observability.md); absent at level `none`. */
  captured?: CapturedMessages;
  /** Filled by the gateway's telemetry before onLog hooks run. */
  costUsd?: number;
  cacheStatus?: string;
  retries?: number;
  fallbacks?: number;
  /** The request's W3C trace context (see RequestTrace). */
  trace?: { traceId: string; spanId: string; parentSpanId?: string; flags: string };
}

export interface LogAttempt {
  provider: string;
  upstreamModel: string;
  status: number;
  errorCode?: string;
  durationMs: number;
  /** Unix ms when the attempt began. */
  startedAt?: number;
  /** The attempt's span, sent upstream in its traceparent header. */
  spanId?: string;
}

/** How much of a request's messages the log keeps. */
export type CaptureLevel = "none" | "metadata" | "full";

export interface CapturedMessages {
  level: Exclude<CaptureLevel, "none">;
  /** Message count, roles and character sizes (every level). */
  requestMessages: number;
  requestCharacters: number;
  responseCharacters?: number;
  /** `full` only: the request messages and the answer, redacted and size-capped. */
  request?: unknown;
  response?: unknown;
  truncated?: boolean;
}
