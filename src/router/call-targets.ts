import type { ChatRequest } from "../spec/chat-request.js";
import type { EmbeddingRequest } from "../spec/embedding.js";
import { GatewayError } from "../spec/errors.js";
import type { ChatResult, ChatStreamResult, EmbeddingResult, UpstreamCall } from "../spec/provider-adapter.js";
import type { StreamChunk } from "../spec/stream-event.js";
import { applyTargetParams } from "./apply-target-params.js";
import type { RoutePlan, RouteTarget } from "./route-plan.js";

/** What the router reports about the attempts it made, for headers and the log event. */
export interface AttemptRecord {
  provider: string;
  upstreamModel: string;
  status: number;
  errorCode?: string;
  durationMs: number;
}

export interface RoutedResult<T> {
  result: T;
  target: RouteTarget;
  attempts: AttemptRecord[];
}

export interface CallInfo {
  requestId: string;
  signal: AbortSignal;
}

/** Whether a failed attempt may move on to the next target of a fallback plan. */
function canFallBack(error: GatewayError, signal: AbortSignal): boolean {
  if (signal.aborted) return false;
  return error.retryable;
}

/** Tries each target in order until one answers; the last failure is thrown. */
async function tryTargets<T>(
  plan: RoutePlan,
  info: CallInfo,
  attemptTarget: (target: RouteTarget, call: UpstreamCall) => Promise<T>,
): Promise<RoutedResult<T>> {
  const attempts: AttemptRecord[] = [];
  const targets = plan.strategy === "single" ? plan.targets.slice(0, 1) : plan.targets;
  let lastError: GatewayError | undefined;
  for (const [index, target] of targets.entries()) {
    const started = performance.now();
    const call: UpstreamCall = {
      upstreamModel: target.upstreamModel,
      signal: info.signal,
      headers: target.headers,
      requestId: info.requestId,
    };
    try {
      const result = await attemptTarget(target, call);
      attempts.push({
        provider: target.provider.name,
        upstreamModel: target.upstreamModel,
        status: 200,
        durationMs: performance.now() - started,
      });
      return { result, target, attempts };
    } catch (error) {
      const failure =
        error instanceof GatewayError
          ? error
          : new GatewayError("internal_error", `Provider "${target.provider.name}" failed unexpectedly.`, {
              cause: error,
            });
      attempts.push({
        provider: target.provider.name,
        upstreamModel: target.upstreamModel,
        status: failure.status,
        errorCode: String(failure.code),
        durationMs: performance.now() - started,
      });
      lastError = failure;
      const isLast = index === targets.length - 1;
      if (isLast || !canFallBack(failure, info.signal)) break;
    }
  }
  throw Object.assign(lastError ?? new GatewayError("internal_error", "No target was tried."), { attempts });
}

export function callChat(plan: RoutePlan, request: ChatRequest, info: CallInfo): Promise<RoutedResult<ChatResult>> {
  return tryTargets(plan, info, (target, call) =>
    target.provider.chat(applyTargetParams(request, target.params), call),
  );
}

/**
 * Opens a stream on the first target that starts well. The first chunk is read before the
 * stream is handed on: an upstream that answers 200 and then an error counts as a failed
 * attempt, so fallback still happens before any byte reached the client.
 */
export function callChatStream(
  plan: RoutePlan,
  request: ChatRequest,
  info: CallInfo,
): Promise<RoutedResult<ChatStreamResult>> {
  return tryTargets(plan, info, async (target, call) => {
    const started = performance.now();
    const opened = await target.provider.chatStream(applyTargetParams(request, target.params), call);
    const iterator = opened.chunks[Symbol.asyncIterator]();
    const first = await iterator.next();
    const firstError = first.done ? undefined : first.value.events.find((event) => event.type === "error");
    if (firstError?.type === "error") {
      await iterator.return?.();
      throw firstError.error;
    }
    // The upstream's share of the time to first byte includes waiting for its first event.
    return { ...opened, chunks: prepend(first, iterator), timing: { upstreamMs: performance.now() - started } };
  });
}

export function callEmbeddings(
  plan: RoutePlan,
  request: EmbeddingRequest,
  info: CallInfo,
): Promise<RoutedResult<EmbeddingResult>> {
  return tryTargets(plan, info, (target, call) => {
    if (!target.provider.embed) {
      throw new GatewayError("unsupported_feature", `Provider "${target.provider.name}" does not offer embeddings.`, {
        param: "model",
      });
    }
    return target.provider.embed(request, call);
  });
}

async function* prepend(
  first: IteratorResult<StreamChunk>,
  rest: AsyncIterator<StreamChunk>,
): AsyncGenerator<StreamChunk> {
  try {
    if (first.done) return;
    yield first.value;
    while (true) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

/** Attempts made before a failure, attached to the thrown error by tryTargets. */
export function attemptsOf(error: unknown): AttemptRecord[] {
  const attempts = (error as { attempts?: AttemptRecord[] } | undefined)?.attempts;
  return Array.isArray(attempts) ? attempts : [];
}
