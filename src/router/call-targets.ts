import { setTimeout as sleep } from "node:timers/promises";
import type { RoutingConfig } from "../config/schema.js";
import type { ChatRequest } from "../contract/chat-request.js";
import type { EmbeddingRequest } from "../contract/embedding.js";
import { GatewayError, isGatewayError } from "../contract/errors.js";
import type { ChatResult, ChatStreamResult, EmbeddingResult, UpstreamCall } from "../contract/provider-adapter.js";
import type { StreamChunk } from "../contract/stream-event.js";
import { type AbortSource, signalOf } from "../outbound/abort-scope.js";
import { applyTargetParams } from "./apply-target-params.js";
import { attemptAbort } from "./attempt-abort.js";
import { matchesAny } from "./failure-conditions.js";
import { replayStream } from "./replay-stream.js";
import { retryDelay } from "./retry-delay.js";
import type { RoutePlan, RouteTarget } from "./route-plan.js";
import { STRATEGIES, type StrategyView } from "./strategies/index.js";
import type { HealthRegistry, TargetHealth } from "./target-health.js";

/** What the router reports about each attempt, for headers and the log event. */
export interface AttemptRecord {
  provider: string;
  upstreamModel: string;
  status: number;
  errorCode?: string;
  durationMs: number;
  /** Unix ms when the attempt began (absent for skipped targets). */
  startedAt?: number;
  /** The attempt's trace span, when the request is traced. */
  spanId?: string;
}

export interface RoutedResult<T> {
  result: T;
  target: RouteTarget;
  attempts: AttemptRecord[];
}

/** What the router needs besides the plan: the request's identity and abort, policies, health. */
export interface RouterContext {
  requestId: string;
  /** Aborted when the client goes away (or a plugin aborts the request). */
  abort: AbortSource;
  routing: RoutingConfig;
  health: HealthRegistry;
  random?: () => number;
  /** Pass-through: auth headers with the client's own key for a provider that allows it. */
  clientKeyHeaders?: (provider: string) => Record<string, string> | undefined;
  /** A new child span per attempt: its id, and the traceparent header that carries it upstream. */
  attemptTrace?: () => { spanId: string; headers: Record<string, string> };
}

interface Attempter<T> {
  run(target: RouteTarget, call: UpstreamCall, health: TargetHealth): Promise<T>;
  /** A success that should still fall over to the next target (a content-filtered answer). */
  softFailure?(result: T): string | undefined;
}

/**
 * Tries targets in the order the plan's strategy gives, each with its retry policy, moving on
 * to the next target when a failure matches `routing.fallbackOn`; skips targets whose circuit
 * is open. The last failure is thrown with every attempt attached.
 */
async function tryTargets<T>(
  plan: RoutePlan,
  context: RouterContext,
  attempter: Attempter<T>,
): Promise<RoutedResult<T>> {
  const random = context.random ?? Math.random;
  const view: StrategyView = {
    inFlight: (target) => context.health.get(target.id).inFlight,
    latencyMs: (target) => context.health.get(target.id).latencyMs,
    random,
    turn: plan.turn,
  };
  const ordered = STRATEGIES[plan.strategy](plan.targets, view);
  const deadline = performance.now() + context.routing.deadlineMs;
  const attempts: AttemptRecord[] = [];
  let lastError: GatewayError | undefined;
  let softResult: RoutedResult<T> | undefined;

  targets: for (const [index, target] of ordered.entries()) {
    const health = context.health.get(target.id);
    if (!health.circuit.tryAcquire()) {
      attempts.push(record(target, 503, "circuit_open", 0));
      continue;
    }
    const isLastTarget = index === ordered.length - 1;
    for (let retry = 0; ; retry++) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        lastError = new GatewayError(
          "upstream_timeout",
          `The request's deadline of ${context.routing.deadlineMs} ms passed.`,
        );
        break targets;
      }
      const attempt = attemptAbort(context.abort, Math.min(context.routing.attemptTimeoutMs, remaining));
      const started = performance.now();
      const traced = context.attemptTrace?.();
      const mark = { startedAt: Date.now(), spanId: traced?.spanId };
      health.begin();
      try {
        const call: UpstreamCall = {
          upstreamModel: target.upstreamModel,
          abort: attempt.scope,
          headers: withClientKey(
            traced ? Object.assign({}, target.headers, traced.headers) : target.headers,
            context.clientKeyHeaders?.(target.provider.name),
          ),
          requestId: context.requestId,
        };
        const result = await attempter.run(target, call, health);
        attempt.settle();
        const durationMs = performance.now() - started;
        const soft = isLastTarget ? undefined : attempter.softFailure?.(result);
        if (soft && context.routing.fallbackOn.includes(soft)) {
          health.failed(soft);
          attempts.push(record(target, 200, soft, durationMs, mark));
          softResult ??= { result, target, attempts };
          continue targets;
        }
        health.succeeded(durationMs);
        attempts.push(record(target, 200, undefined, durationMs, mark));
        return { result, target, attempts };
      } catch (error) {
        attempt.settle();
        const failure = isGatewayError(error)
          ? error
          : new GatewayError("internal_error", `Provider "${target.provider.name}" failed unexpectedly.`, {
              cause: error,
            });
        attempts.push(record(target, failure.status, String(failure.code), performance.now() - started, mark));
        lastError = failure;
        if (context.abort.aborted) break targets;
        // A refusal of the request itself (400, 401, …) says nothing about the target's health.
        if (failure.retryable) health.failed(String(failure.upstream?.code ?? failure.code));
        if (retry < target.retry.retries && matchesAny(failure, target.retry.on)) {
          const wait = retryDelay(failure, retry, target.retry, random);
          if (wait !== undefined && performance.now() + wait < deadline) {
            await sleep(wait, undefined, { signal: signalOf(context.abort) }).catch(() => {});
            if (!context.abort.aborted) continue;
          }
        }
        if (!matchesAny(failure, context.routing.fallbackOn)) break targets;
        continue targets;
      }
    }
  }
  if (softResult) return softResult;
  throw withAttempts(
    lastError ??
      new GatewayError(
        "no_available_target",
        `Every target of "${plan.model}" is unavailable (circuit open); try again shortly.`,
        {
          headers: { "retry-after": "1" },
        },
      ),
    attempts,
  );
}

function record(
  target: RouteTarget,
  status: number,
  errorCode: string | undefined,
  durationMs: number,
  mark?: Pick<AttemptRecord, "startedAt" | "spanId">,
): AttemptRecord {
  const entry: AttemptRecord = {
    provider: target.provider.name,
    upstreamModel: target.upstreamModel,
    status,
    errorCode,
    durationMs,
  };
  if (mark) {
    entry.startedAt = mark.startedAt;
    entry.spanId = mark.spanId;
  }
  return entry;
}

export function callChat(
  plan: RoutePlan,
  request: ChatRequest,
  context: RouterContext,
): Promise<RoutedResult<ChatResult>> {
  return tryTargets(plan, context, {
    run: async (target, call, health) => {
      try {
        return await target.provider.chat(applyTargetParams(request, target.params), call);
      } finally {
        health.end();
      }
    },
    softFailure: (result) =>
      result.response.choices.length > 0 &&
      result.response.choices.every((choice) => choice.finishReason.unified === "content_filter")
        ? "content_filter"
        : undefined,
  });
}

/**
 * Opens a stream on the first target that starts well. The stream is read up to its first
 * content before it is handed on: an upstream that answers 200 and then an error counts as a
 * failed attempt, so fallback still happens before any byte reached the client.
 */
export function callChatStream(
  plan: RoutePlan,
  request: ChatRequest,
  context: RouterContext,
): Promise<RoutedResult<ChatStreamResult>> {
  return tryTargets(plan, context, {
    run: async (target, call, health) => {
      const started = performance.now();
      let iterator: AsyncIterator<StreamChunk> | undefined;
      try {
        const opened = await target.provider.chatStream(applyTargetParams(request, target.params), call);
        iterator = opened.chunks[Symbol.asyncIterator]();
        const head = await readUntilContent(iterator);
        // The upstream's share of the time to first byte includes waiting for its first content.
        return Object.assign({}, opened, {
          chunks: replayStream(head, iterator, () => health.end()),
          timing: { upstreamMs: performance.now() - started },
        });
      } catch (error) {
        health.end();
        await iterator?.return?.();
        throw error;
      }
    },
  });
}

export function callEmbeddings(
  plan: RoutePlan,
  request: EmbeddingRequest,
  context: RouterContext,
): Promise<RoutedResult<EmbeddingResult>> {
  return tryTargets(plan, context, {
    run: async (target, call, health) => {
      try {
        if (!target.provider.embed) {
          throw new GatewayError(
            "unsupported_feature",
            `Provider "${target.provider.name}" does not offer embeddings.`,
            {
              param: "model",
            },
          );
        }
        return await target.provider.embed(request, call);
      } finally {
        health.end();
      }
    },
  });
}

const CONTENT_EVENTS = new Set([
  "text-delta",
  "reasoning-delta",
  "refusal-delta",
  "tool-input-start",
  "tool-input-delta",
  "finish",
]);

/**
 * Reads a stream until its first content (or its end), so that an error the upstream sends
 * after a 200 and a few preamble events (Anthropic's overloaded error after message_start)
 * still counts as a failed attempt. Nothing has reached the client yet, so holding these
 * chunks back is safe.
 */
async function readUntilContent(
  iterator: AsyncIterator<StreamChunk>,
): Promise<{ chunks: StreamChunk[]; done: boolean }> {
  const chunks: StreamChunk[] = [];
  while (true) {
    const next = await iterator.next();
    if (next.done) return { chunks, done: true };
    const failure = next.value.events.find((event) => event.type === "error");
    if (failure?.type === "error") throw failure.error;
    chunks.push(next.value);
    if (next.value.events.some((event) => CONTENT_EVENTS.has(event.type))) return { chunks, done: false };
  }
}

const ATTEMPTS = Symbol("attempts");

function withAttempts(error: GatewayError, attempts: AttemptRecord[]): GatewayError {
  return Object.assign(error, { [ATTEMPTS]: attempts });
}

/** Attempts made before a failure, attached to the thrown error by the router. */
export function attemptsOf(error: unknown): AttemptRecord[] {
  const attempts = (error as { [ATTEMPTS]?: AttemptRecord[] } | undefined)?.[ATTEMPTS];
  return Array.isArray(attempts) ? attempts : [];
}

function withClientKey(
  headers: Record<string, string>,
  clientKey: Record<string, string> | undefined,
): Record<string, string> {
  return clientKey ? Object.assign({}, headers, clientKey) : headers;
}
