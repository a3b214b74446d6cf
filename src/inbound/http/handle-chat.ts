import { type GatewayError, isGatewayError } from "../../contract/errors.js";
import type { CaptureLevel } from "../../contract/log-event.js";
import type { ChatContext } from "../../contract/request-context.js";
import { type ChatOutcome, runChat } from "../../pipeline/run-chat.js";
import { attemptsOf } from "../../router/call-targets.js";
import { captureLevelFor } from "../../telemetry/capture-level.js";
import { captureChat } from "../../telemetry/capture-messages.js";
import type { ChatDialect } from "../chat-dialect.js";
import type { Exchange } from "./exchange.js";
import { ExchangeChatContext } from "./exchange-contexts.js";
import { exchangeTiming } from "./exchange-timing.js";
import { readJsonBody } from "./read-json-body.js";
import { routeHeaders } from "./route-headers.js";
import { asGatewayError, sendError, sendJson } from "./send.js";
import { writeSse } from "./write-sse.js";

/** The chat endpoint of any dialect: decode, run the pipeline, answer in kind, log. */
export function chatHandler(dialect: ChatDialect) {
  return async (exchange: Exchange): Promise<void> => {
    let ctx: ChatContext | undefined;
    let outcome: ChatOutcome | undefined;
    let failure: GatewayError | undefined;
    let status = 200;
    const capture = exchange.runtime.config.telemetry.capture;
    let captureLevel: CaptureLevel | undefined;
    try {
      const request = dialect.decodeRequest(await readJsonBody(exchange));
      ctx = new ExchangeChatContext(exchange, dialect.name, request);
      outcome = await runChat(ctx, exchange.runtime, exchange.abort);
      // Known once hooks have run (the key) and the route is chosen (the virtual model).
      captureLevel = captureLevelFor(capture, outcome.route.virtualModel, ctx.auth, ctx.headers);
      if (outcome.kind === "stream" && captureLevel !== "none") outcome.tap.assembleResponse = true;
      const upstream = { ms: outcome.route.upstreamMs, provider: outcome.route.provider };
      const headers = Object.assign({}, ctx.responseHeaders, routeHeaders(outcome.route));
      if (outcome.kind === "response") {
        const body =
          outcome.passthrough?.format === dialect.wireFormat
            ? outcome.passthrough.body
            : JSON.stringify(dialect.encodeResponse(outcome.response));
        sendJson(exchange, 200, body, headers, upstream);
      } else {
        const encoder = dialect.createStreamEncoder(ctx.request, outcome.forwardBytes);
        const result = await writeSse(exchange, outcome.chunks, encoder, headers, upstream);
        failure = result.error;
        if (result.clientGone) status = 499;
      }
    } catch (error) {
      // A plugin that aborted the upstream call on purpose (ctx.abort) gave the real reason.
      const reason = exchange.abort.aborted ? exchange.abort.reason : undefined;
      failure = asGatewayError(isGatewayError(reason) ? reason : error);
      status = failure.status;
      if (failure.code === "internal_error" || failure.code === "plugin_failed" || failure.code === "plugin_timeout")
        exchange.runtime.logger.error({ err: error, requestId: exchange.requestId }, "request failed");
      if (exchange.response.headersSent) {
        // The stream had begun: only an in-band error can still tell the client.
        if (ctx && !exchange.response.destroyed) {
          exchange.response.end(dialect.createStreamEncoder(ctx.request, false).error(failure));
        }
      } else {
        sendError(exchange, failure, dialect.encodeError, ctx?.responseHeaders);
      }
    }
    if (failure && ctx) {
      await exchange.runtime.plugins.onError(ctx, failure, (hookError) =>
        exchange.runtime.logger.warn({ err: hookError }, "an onError hook failed"),
      );
    }
    if (outcome?.finish) {
      // wrapChat hooks finish last, so what they add to logFields is in the log event.
      const late = await outcome.finish(failure);
      if (late !== undefined) exchange.runtime.logger.warn({ err: late }, "a wrapChat hook failed after next()");
    }
    const timing = exchangeTiming(exchange, outcome?.route.upstreamMs);
    exchange.runtime.emitLog({
      // Named, not spread first: see exchangeTiming.
      requestId: timing.requestId,
      startedAt: timing.startedAt,
      durationMs: timing.durationMs,
      gatewayMs: timing.gatewayMs,
      endpoint: "chat",
      dialect: dialect.name,
      model: ctx?.request.model,
      provider: outcome?.route.provider,
      upstreamModel: outcome?.route.upstreamModel,
      status,
      keyId: ctx?.auth?.keyId,
      projectId: ctx?.auth?.projectId,
      metadata: ctx ? Object.assign({}, ctx.auth?.metadata, ctx.metadata) : undefined,
      errorCode: failure ? String(failure.code) : undefined,
      stream: ctx?.request.stream ?? false,
      usage: outcome?.kind === "stream" ? outcome.tap.usage : outcome?.response.usage,
      upstreamMs: outcome?.route.upstreamMs,
      timeToFirstTokenMs:
        outcome?.kind === "stream" && outcome.tap.firstChunkAt !== undefined
          ? outcome.tap.firstChunkAt - exchange.startedAt
          : undefined,
      fields: { ...ctx?.logFields },
      attempts: outcome?.route.attempts ?? attemptsOf(failure),
      clientAddress: exchange.request.socket.remoteAddress,
      userAgent: exchange.request.headers["user-agent"],
      user: ctx?.request.user,
      trace: ctx?.trace,
      captured: ctx
        ? captureChat(
            captureLevel ?? captureLevelFor(capture, ctx.request.model, ctx.auth, ctx.headers),
            ctx.request.messages,
            outcome?.kind === "stream" ? outcome.tap.assembler?.response() : outcome?.response,
          )
        : undefined,
    });
  };
}
