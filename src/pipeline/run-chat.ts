import type { ProviderConfig, RoutingConfig } from "../config/schema.js";
import type { ChatResponse } from "../contract/chat-response.js";
import type { GatewayError } from "../contract/errors.js";
import type { ChatContext, EmbeddingContext, RequestContextBase, RequestTrace } from "../contract/request-context.js";
import type { StreamChunk, WireFormat } from "../contract/stream-event.js";
import type { AbortSource } from "../outbound/abort-scope.js";
import { passThroughHeaders } from "../plugins/keys/pass-through-headers.js";
import { type AttemptRecord, callChat, callChatStream, type RouterContext } from "../router/call-targets.js";
import type { RoutePlan, RoutingInputs } from "../router/route-plan.js";
import type { RouteTable } from "../router/route-table.js";
import type { HealthRegistry } from "../router/target-health.js";
import type { RandomHex } from "../telemetry/random-hex.js";
import { attemptTrace } from "../telemetry/request-trace.js";
import type { PluginChain } from "./plugin-chain.js";
import { responseToStream } from "./response-to-stream.js";
import { StreamResponseAssembler } from "./stream-response-assembler.js";
import { type StreamTap, tapStream } from "./tap-stream.js";
import { runWrapped } from "./wrap-chat.js";

/** What the router did, for response headers and the log event. */
export interface RouteInfo {
  virtualModel?: string;
  provider?: string;
  upstreamModel?: string;
  attempts: AttemptRecord[];
  /** ms waiting on the upstream (see UpstreamTiming). */
  upstreamMs: number;
  upstreamRequestId?: string;
  /** Set when a plugin answered without an upstream call. */
  answeredBy?: "plugin";
}

export type ChatOutcome = (
  | { kind: "response"; response: ChatResponse; passthrough?: { format: WireFormat; body: string }; route: RouteInfo }
  | { kind: "stream"; chunks: AsyncIterable<StreamChunk>; forwardBytes: boolean; route: RouteInfo; tap: StreamTap }
) & {
  /**
   * Set when wrapChat hooks run: call it once the answer is sent (with the error the request
   * failed with, if any) to let them finish; resolves with an error one threw after its next().
   */
  finish?: (failure: GatewayError | undefined) => Promise<unknown>;
};

export interface ChatRuntime {
  routes: RouteTable;
  plugins: PluginChain;
  health: HealthRegistry;
  /** Random ids for trace spans. */
  ids: RandomHex;
  config: {
    routing: RoutingConfig;
    providers?: Record<string, ProviderConfig>;
    auth?: { mode: "required" | "optional" };
  };
}

/** What conditional routes see of a request. */
export function routingInputs(ctx: ChatContext | EmbeddingContext): RoutingInputs {
  const header = ctx.headers["x-switchyard-route"];
  const auth = ctx.auth;
  return {
    metadata: ctx.metadata,
    routeHeader: typeof header === "string" ? header : undefined,
    keyId: auth?.keyId,
    projectId: auth?.projectId,
  };
}

/** `abort`: the request's own (the exchange's), so that no AbortSignal is made for the router. */
export function routerContext(
  ctx: {
    requestId: string;
    headers?: RequestContextBase["headers"];
    trace?: RequestContextBase["trace"];
  },
  runtime: ChatRuntime,
  abort: AbortSource,
): RouterContext {
  const { providers, auth } = runtime.config;
  return {
    requestId: ctx.requestId,
    abort,
    routing: runtime.config.routing,
    health: runtime.health,
    clientKeyHeaders:
      ctx.headers && providers && auth ? passThroughHeaders(ctx.headers, providers, auth.mode) : undefined,
    attemptTrace: ctx.trace ? () => attemptTrace(ctx.trace as RequestTrace, runtime.ids) : undefined,
  };
}

/**
 * The way of a chat request through request hooks, the router and response hooks, inside the
 * wrapChat hooks when a plugin has one. `abort`: the request's, which ctx.signal reads (see
 * routerContext).
 */
export async function runChat(ctx: ChatContext, runtime: ChatRuntime, abort: AbortSource): Promise<ChatOutcome> {
  const plan = runtime.routes.resolve(ctx.request.model, routingInputs(ctx));
  const chain = runtime.plugins.extend(plan.plugins);
  if (chain.wrappers.length === 0) return runHooks(ctx, runtime, abort, chain, plan);
  return runWrapped(ctx, chain.wrappers, () => runHooks(ctx, runtime, abort, chain, plan));
}

async function runHooks(
  ctx: ChatContext,
  runtime: ChatRuntime,
  abort: AbortSource,
  chain: PluginChain,
  first: RoutePlan,
): Promise<ChatOutcome> {
  const streamed = ctx.request.stream;
  const reply = await chain.onRequest(ctx);
  if (reply) {
    ctx.request.stream = streamed;
    ctx.response = reply.response;
    const route: RouteInfo = { virtualModel: first.virtualModel, attempts: [], upstreamMs: 0, answeredBy: "plugin" };
    if (!streamed) return { kind: "response", response: reply.response, route };
    const tap: StreamTap = { completed: false, usage: reply.response.usage };
    return {
      kind: "stream",
      chunks: finishTap(responseToStream(reply.response), tap),
      forwardBytes: false,
      route,
      tap,
    };
  }
  if (streamed && !ctx.request.stream) {
    // A hook written before bufferStream() turned streaming off to buffer the answer.
    ctx.request.stream = true;
    ctx.bufferStream();
  }
  // Request hooks may have changed the model, or told who is calling (key and project routes).
  const plan = runtime.routes.resolve(ctx.request.model, routingInputs(ctx));
  const info = routerContext(ctx, runtime, abort);
  if (!ctx.request.stream || ctx.streamBuffered) {
    const buffered = ctx.request.stream;
    let routed: Awaited<ReturnType<typeof callChat>>;
    try {
      // A buffered stream is asked for whole; hooks and the log still see the client's stream.
      ctx.request.stream = false;
      routed = await callChat(plan, ctx.request, info);
    } finally {
      ctx.request.stream = buffered;
    }
    const original = routed.result.response;
    ctx.response = original;
    await chain.onResponse(ctx);
    const unchanged = ctx.response === original;
    const route = routeInfo(
      plan.virtualModel,
      routed.target.provider.name,
      routed.target.upstreamModel,
      routed.attempts,
      routed.result,
    );
    if (buffered) {
      // The client still gets a stream, replayed from the whole answer once response hooks are done with it.
      const tap: StreamTap = { completed: false, usage: ctx.response.usage };
      return {
        kind: "stream",
        chunks: finishTap(responseToStream(ctx.response), tap),
        forwardBytes: false,
        route,
        tap,
      };
    }
    return {
      kind: "response",
      response: ctx.response,
      passthrough: unchanged ? routed.result.passthrough : undefined,
      route,
    };
  }
  const routed = await callChatStream(plan, ctx.request, info);
  try {
    await chain.onStreamStart(ctx);
  } catch (error) {
    // A refused stream must not keep the upstream generating.
    await routed.result.chunks[Symbol.asyncIterator]().return?.();
    throw error;
  }
  const tap: StreamTap = { completed: false };
  return {
    kind: "stream",
    chunks: tapStream(routed.result.chunks, ctx, chain, tap),
    forwardBytes: !chain.hasStreamEventHooks,
    route: routeInfo(
      plan.virtualModel,
      routed.target.provider.name,
      routed.target.upstreamModel,
      routed.attempts,
      routed.result,
    ),
    tap,
  };
}

function routeInfo(
  virtualModel: string | undefined,
  provider: string,
  upstreamModel: string,
  attempts: AttemptRecord[],
  result: { timing: { upstreamMs: number }; upstreamRequestId?: string },
): RouteInfo {
  return {
    virtualModel,
    provider,
    upstreamModel,
    attempts,
    upstreamMs: result.timing.upstreamMs,
    upstreamRequestId: result.upstreamRequestId,
  };
}

async function* finishTap(chunks: StreamChunk[], tap: StreamTap): AsyncGenerator<StreamChunk> {
  tap.firstChunkAt = performance.now();
  // A replayed answer (plugin reply or buffered stream) is kept for message capture too.
  if (tap.assembleResponse) {
    const assembler = new StreamResponseAssembler();
    for (const chunk of chunks) for (const event of chunk.events) assembler.add(event);
    tap.assembler = assembler;
  }
  yield* chunks;
  tap.completed = true;
}
