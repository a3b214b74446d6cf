import { type ChatOutcome, runChat } from "../../pipeline/run-chat.js";
import { attemptsOf } from "../../router/call-targets.js";
import type { ChatRequest } from "../../spec/chat-request.js";
import type { GatewayError } from "../../spec/errors.js";
import type { ChatContext } from "../../spec/request-context.js";
import type { ChatDialect } from "../chat-dialect.js";
import type { Exchange } from "./exchange.js";
import { readJsonBody } from "./read-json-body.js";
import { readRequestMetadata } from "./read-request-metadata.js";
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
    try {
      const request = dialect.decodeRequest(await readJsonBody(exchange));
      ctx = createChatContext(exchange, request, dialect);
      outcome = await runChat(ctx, exchange.runtime);
      const upstream = { ms: outcome.route.upstreamMs, provider: outcome.route.provider };
      const headers = routeHeaders(outcome.route);
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
      failure = asGatewayError(error);
      status = failure.status;
      if (failure.code === "internal_error")
        exchange.runtime.logger.error({ err: error, requestId: exchange.requestId }, "request failed");
      if (exchange.response.headersSent) {
        // The stream had begun: only an in-band error can still tell the client.
        if (ctx && !exchange.response.destroyed) {
          exchange.response.end(dialect.createStreamEncoder(ctx.request, false).error(failure));
        }
      } else {
        sendError(exchange, failure, dialect.encodeError);
      }
    }
    if (failure && ctx) {
      await exchange.runtime.plugins.onError(ctx, failure, (hookError) =>
        exchange.runtime.logger.warn({ err: hookError }, "an onError hook failed"),
      );
    }
    exchange.runtime.emitLog({
      requestId: exchange.requestId,
      startedAt: exchange.startedAtIso,
      durationMs: performance.now() - exchange.startedAt,
      endpoint: "chat",
      dialect: dialect.name,
      model: ctx?.request.model,
      provider: outcome?.route.provider,
      upstreamModel: outcome?.route.upstreamModel,
      status,
      keyId: ctx?.auth?.keyId,
      projectId: ctx?.auth?.projectId,
      metadata: ctx ? { ...ctx.auth?.metadata, ...ctx.metadata } : undefined,
      errorCode: failure ? String(failure.code) : undefined,
      stream: ctx?.request.stream ?? false,
      usage: outcome?.kind === "stream" ? outcome.tap.usage : outcome?.response.usage,
      gatewayMs: Math.max(0, performance.now() - exchange.startedAt - (outcome?.route.upstreamMs ?? 0)),
      upstreamMs: outcome?.route.upstreamMs,
      timeToFirstTokenMs:
        outcome?.kind === "stream" && outcome.tap.firstChunkAt !== undefined
          ? outcome.tap.firstChunkAt - exchange.startedAt
          : undefined,
      fields: { ...ctx?.logFields, attempts: outcome?.route.attempts ?? attemptsOf(failure) },
    });
  };
}

function createChatContext(exchange: Exchange, request: ChatRequest, dialect: ChatDialect): ChatContext {
  return {
    endpoint: "chat",
    requestId: exchange.requestId,
    dialect: dialect.name,
    headers: exchange.request.headers,
    signal: exchange.signal,
    state: new Map(),
    logFields: {},
    metadata: readRequestMetadata(exchange.request.headers, request.metadata),
    request,
  };
}
