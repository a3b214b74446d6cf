import type { RoutingConfig } from "../config/schema.js";
import { type AttemptRecord, callChat, callChatStream, type RouterContext } from "../router/call-targets.js";
import type { RoutingInputs } from "../router/route-plan.js";
import type { RouteTable } from "../router/route-table.js";
import type { HealthRegistry } from "../router/target-health.js";
import type { ChatResponse } from "../spec/chat-response.js";
import type { ChatContext, EmbeddingContext } from "../spec/request-context.js";
import type { StreamChunk, WireFormat } from "../spec/stream-event.js";
import type { Usage } from "../spec/usage.js";
import type { PluginChain } from "./plugin-chain.js";
import { responseToStream } from "./response-to-stream.js";

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

export type ChatOutcome =
  | { kind: "response"; response: ChatResponse; passthrough?: { format: WireFormat; body: string }; route: RouteInfo }
  | { kind: "stream"; chunks: AsyncIterable<StreamChunk>; forwardBytes: boolean; route: RouteInfo; tap: StreamTap };

/** What the stream carried, read on the side for logs and plugins. */
export interface StreamTap {
  usage?: Usage;
  completed: boolean;
  firstChunkAt?: number;
}

export interface ChatRuntime {
  routes: RouteTable;
  plugins: PluginChain;
  health: HealthRegistry;
  config: { routing: RoutingConfig };
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

export function routerContext(ctx: { requestId: string; signal: AbortSignal }, runtime: ChatRuntime): RouterContext {
  return { requestId: ctx.requestId, signal: ctx.signal, routing: runtime.config.routing, health: runtime.health };
}

/** The way of a chat request through request hooks, the router and response hooks. */
export async function runChat(ctx: ChatContext, runtime: ChatRuntime): Promise<ChatOutcome> {
  let plan = runtime.routes.resolve(ctx.request.model, routingInputs(ctx));
  const chain = runtime.plugins.extend(plan.plugins);
  const reply = await chain.onRequest(ctx);
  if (reply) {
    ctx.response = reply.response;
    const route: RouteInfo = { virtualModel: plan.virtualModel, attempts: [], upstreamMs: 0, answeredBy: "plugin" };
    if (!ctx.request.stream) return { kind: "response", response: reply.response, route };
    const tap: StreamTap = { completed: false, usage: reply.response.usage };
    return {
      kind: "stream",
      chunks: finishTap(responseToStream(reply.response), tap),
      forwardBytes: false,
      route,
      tap,
    };
  }
  // Request hooks may have changed the model, or told who is calling (key and project routes).
  plan = runtime.routes.resolve(ctx.request.model, routingInputs(ctx));
  const info = routerContext(ctx, runtime);
  if (!ctx.request.stream) {
    const routed = await callChat(plan, ctx.request, info);
    const original = routed.result.response;
    ctx.response = original;
    await chain.onResponse(ctx);
    const unchanged = ctx.response === original;
    return {
      kind: "response",
      response: ctx.response,
      passthrough: unchanged ? routed.result.passthrough : undefined,
      route: routeInfo(
        plan.virtualModel,
        routed.target.provider.name,
        routed.target.upstreamModel,
        routed.attempts,
        routed.result,
      ),
    };
  }
  const routed = await callChatStream(plan, ctx.request, info);
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

/** Runs stream hooks (when any) and records usage and completion on the side. */
async function* tapStream(
  chunks: AsyncIterable<StreamChunk>,
  ctx: ChatContext,
  chain: PluginChain,
  tap: StreamTap,
): AsyncGenerator<StreamChunk> {
  let failed = false;
  for await (const chunk of chunks) {
    tap.firstChunkAt ??= performance.now();
    for (const event of chunk.events) {
      if (event.type === "usage") tap.usage = event.usage;
      else if (event.type === "error") failed = true;
    }
    if (!chain.hasStreamEventHooks) {
      yield chunk;
    } else {
      yield { events: chunk.events.flatMap((event) => chain.onStreamEvent(ctx, event)) };
    }
    if (failed) return;
  }
  tap.completed = true;
  await chain.onStreamEnd(ctx);
}

async function* finishTap(chunks: StreamChunk[], tap: StreamTap): AsyncGenerator<StreamChunk> {
  tap.firstChunkAt = performance.now();
  yield* chunks;
  tap.completed = true;
}
