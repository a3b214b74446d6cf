import type { GatewayError } from "../../contract/errors.js";
import type { EmbeddingContext } from "../../contract/request-context.js";
import { type RouteInfo, routerContext, routingInputs } from "../../pipeline/run-chat.js";
import { attemptsOf, callEmbeddings } from "../../router/call-targets.js";
import { captureLevelFor } from "../../telemetry/capture-level.js";
import { captureEmbedding } from "../../telemetry/capture-messages.js";
import type { Exchange } from "../http/exchange.js";
import { ExchangeEmbeddingContext } from "../http/exchange-contexts.js";
import { exchangeTiming } from "../http/exchange-timing.js";
import { readJsonBody } from "../http/read-json-body.js";
import { routeHeaders } from "../http/route-headers.js";
import { asGatewayError, sendError, sendJson } from "../http/send.js";
import { openAIErrorObject } from "../openai-chat/encode-error.js";
import { decodeOpenAIEmbeddingRequest } from "./decode-request.js";
import { encodeOpenAIEmbeddingResponse } from "./encode-response.js";

const encodeError = (error: GatewayError) => ({ error: openAIErrorObject(error) });

/** POST /v1/embeddings */
export async function handleOpenAIEmbeddings(exchange: Exchange): Promise<void> {
  const { runtime } = exchange;
  let ctx: EmbeddingContext | undefined;
  let route: RouteInfo | undefined;
  let failure: GatewayError | undefined;
  try {
    const request = decodeOpenAIEmbeddingRequest(await readJsonBody(exchange));
    ctx = new ExchangeEmbeddingContext(exchange, request);
    const plan = runtime.routes.resolve(request.model, routingInputs(ctx));
    const chain = runtime.plugins.extend(plan.plugins);
    const reply = await chain.onEmbeddingRequest(ctx);
    // Request hooks may have told who is calling (key and project routes).
    const routedPlan = runtime.routes.resolve(ctx.request.model, routingInputs(ctx));
    let passthroughBody: string | undefined;
    if (reply) {
      ctx.response = reply.response;
      route = { virtualModel: plan.virtualModel, attempts: [], upstreamMs: 0, answeredBy: "plugin" };
    } else {
      const routed = await callEmbeddings(routedPlan, ctx.request, routerContext(ctx, runtime, exchange.abort));
      const original = routed.result.response;
      ctx.response = original;
      await chain.onEmbeddingResponse(ctx);
      if (ctx.response === original) passthroughBody = routed.result.passthrough?.body;
      route = {
        virtualModel: plan.virtualModel,
        provider: routed.target.provider.name,
        upstreamModel: routed.target.upstreamModel,
        attempts: routed.attempts,
        upstreamMs: routed.result.timing.upstreamMs,
        upstreamRequestId: routed.result.upstreamRequestId,
      };
    }
    const body =
      passthroughBody ?? JSON.stringify(encodeOpenAIEmbeddingResponse(ctx.response, ctx.request.encodingFormat));
    sendJson(exchange, 200, body, Object.assign({}, ctx.responseHeaders, routeHeaders(route)), {
      ms: route.upstreamMs,
      provider: route.provider,
    });
  } catch (error) {
    failure = asGatewayError(error);
    if (failure.code === "internal_error")
      runtime.logger.error({ err: error, requestId: exchange.requestId }, "request failed");
    sendError(exchange, failure, encodeError, ctx?.responseHeaders);
    if (ctx)
      await runtime.plugins.onError(ctx, failure, (hookError) =>
        runtime.logger.warn({ err: hookError }, "an onError hook failed"),
      );
  }
  const timing = exchangeTiming(exchange, route?.upstreamMs);
  runtime.emitLog({
    // Named, not spread first: see exchangeTiming.
    requestId: timing.requestId,
    startedAt: timing.startedAt,
    durationMs: timing.durationMs,
    gatewayMs: timing.gatewayMs,
    endpoint: "embeddings",
    dialect: "openai-embeddings",
    model: ctx?.request.model,
    provider: route?.provider,
    upstreamModel: route?.upstreamModel,
    status: failure?.status ?? 200,
    keyId: ctx?.auth?.keyId,
    projectId: ctx?.auth?.projectId,
    metadata: ctx ? Object.assign({}, ctx.auth?.metadata, ctx.metadata) : undefined,
    errorCode: failure ? String(failure.code) : undefined,
    stream: false,
    usage: ctx?.response?.usage,
    upstreamMs: route?.upstreamMs,
    fields: { ...ctx?.logFields },
    attempts: route?.attempts ?? attemptsOf(failure),
    clientAddress: exchange.request.socket.remoteAddress,
    userAgent: exchange.request.headers["user-agent"],
    user: ctx?.request.user,
    trace: ctx?.trace,
    captured: ctx
      ? captureEmbedding(
          captureLevelFor(
            runtime.config.telemetry.capture,
            route?.virtualModel ?? ctx.request.model,
            ctx.auth,
            ctx.headers,
          ),
          ctx.request.input,
        )
      : undefined,
  });
}
