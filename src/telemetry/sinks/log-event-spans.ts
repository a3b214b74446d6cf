import { type Attributes, type HrTime, SpanKind, SpanStatusCode, TraceFlags } from "@opentelemetry/api";
import type { Resource } from "@opentelemetry/resources";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { LogAttempt, LogEvent } from "../../contract/log-event.js";

const SCOPE = { name: "switchyard" };

function hrTime(unixMs: number): HrTime {
  const seconds = Math.floor(unixMs / 1000);
  return [seconds, Math.round((unixMs - seconds * 1000) * 1e6)];
}

function compact(attributes: Record<string, string | number | boolean | undefined>): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined)) as Attributes;
}

interface SpanParts {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  startMs: number;
  durationMs: number;
  failed: boolean;
  attributes: Attributes;
}

function span(parts: SpanParts, resource: Resource): ReadableSpan {
  const context = { traceId: parts.traceId, spanId: parts.spanId, traceFlags: TraceFlags.SAMPLED };
  return {
    name: parts.name,
    kind: parts.kind,
    spanContext: () => context,
    parentSpanContext: parts.parentSpanId
      ? { traceId: parts.traceId, spanId: parts.parentSpanId, traceFlags: TraceFlags.SAMPLED, isRemote: true }
      : undefined,
    startTime: hrTime(parts.startMs),
    endTime: hrTime(parts.startMs + parts.durationMs),
    duration: hrTime(parts.durationMs),
    status: { code: parts.failed ? SpanStatusCode.ERROR : SpanStatusCode.UNSET },
    attributes: parts.attributes,
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/**
 * The spans of one logged request, with OpenTelemetry GenAI attributes: a server span for the
 * request (child of the caller's traceparent) and a client span per upstream attempt, whose id
 * is the one the attempt's traceparent carried upstream. Unsampled traces give no spans.
 */
export function logEventSpans(event: LogEvent, resource: Resource): ReadableSpan[] {
  const trace = event.trace;
  if (!trace || (Number.parseInt(trace.flags, 16) & TraceFlags.SAMPLED) === 0) return [];
  const operation = event.endpoint === "embeddings" ? "embeddings" : "chat";
  const startMs = Date.parse(event.startedAt);
  const spans = [
    span(
      {
        name: `${operation} ${event.model ?? ""}`.trim(),
        kind: SpanKind.SERVER,
        traceId: trace.traceId,
        spanId: trace.spanId,
        parentSpanId: trace.parentSpanId,
        startMs,
        durationMs: event.durationMs,
        failed: event.status >= 400 || event.errorCode !== undefined,
        attributes: compact({
          "gen_ai.operation.name": operation,
          "gen_ai.request.model": event.model,
          "gen_ai.provider.name": event.provider,
          "gen_ai.response.model": event.upstreamModel,
          "gen_ai.usage.input_tokens": event.usage?.inputTokens,
          "gen_ai.usage.output_tokens": event.usage?.outputTokens,
          "http.response.status_code": event.status,
          "error.type": event.errorCode,
          "switchyard.request_id": event.requestId,
          "switchyard.cache_status": event.cacheStatus,
          "switchyard.cost_usd": event.costUsd,
          "switchyard.time_to_first_token_ms": event.timeToFirstTokenMs,
        }),
      },
      resource,
    ),
  ];
  for (const attempt of event.attempts ?? []) {
    const { spanId, startedAt } = attempt;
    if (!spanId || startedAt === undefined) continue;
    spans.push(attemptSpan(operation, trace.traceId, trace.spanId, { ...attempt, spanId, startedAt }, resource));
  }
  return spans;
}

function attemptSpan(
  operation: string,
  traceId: string,
  parentSpanId: string,
  attempt: LogAttempt & { spanId: string; startedAt: number },
  resource: Resource,
): ReadableSpan {
  return span(
    {
      name: `${operation} ${attempt.upstreamModel}`,
      kind: SpanKind.CLIENT,
      traceId,
      spanId: attempt.spanId,
      parentSpanId,
      startMs: attempt.startedAt,
      durationMs: attempt.durationMs,
      failed: attempt.status >= 400 || attempt.errorCode !== undefined,
      attributes: compact({
        "gen_ai.operation.name": operation,
        "gen_ai.provider.name": attempt.provider,
        "gen_ai.request.model": attempt.upstreamModel,
        "http.response.status_code": attempt.status,
        "error.type": attempt.errorCode,
      }),
    },
    resource,
  );
}
