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
}
