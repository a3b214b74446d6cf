import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { RuntimeHolder } from "../../app/runtime-holder.js";
import { GatewayError } from "../../contract/errors.js";
import { AbortScope } from "../../outbound/abort-scope.js";
import { anthropicMessagesDialect } from "../anthropic-messages/dialect.js";
import { openAIErrorObject } from "../openai-chat/encode-error.js";
import { answerClientError, refuseExpectation } from "./answer-client-error.js";
import type { Exchange, RouteHandler } from "./exchange.js";
import { findRoute } from "./find-route.js";
import { asGatewayError, sendError } from "./send.js";
import { timeOrderedId } from "./time-ordered-id.js";

const encodeOpenAIError = (error: GatewayError) => ({ error: openAIErrorObject(error) });

/** Errors before a handler ran (unknown route, wrong method) in the shape the client's SDK reads. */
function errorEncoderFor(path: string): (error: GatewayError) => Record<string, unknown> {
  return path.startsWith("/v1/messages") ? anthropicMessagesDialect.encodeError : encodeOpenAIError;
}
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;
const PROBES = new Set(["/healthz", "/readyz"]);

/** The server's own limits, from the config's `server` block. */
export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections?: number;
}

export interface GatewayServer {
  server: Server;
  /** Requests being handled right now. */
  inFlight(): number;
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
}

/**
 * The node:http server of the data plane. Each request takes the current runtime once and keeps
 * it to the end, so a config reload never changes a request half-way.
 */
export function createGatewayServer(
  holder: RuntimeHolder,
  routes: Map<string, Partial<Record<string, RouteHandler>>>,
  isAccepting: () => boolean,
  limits: ServerLimits,
): GatewayServer {
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    inFlight++;
    const runtime = holder.acquire();
    const abort = new AbortScope();
    response.once("close", () => {
      if (!response.writableFinished) abort.abort(new Error("client disconnected"));
    });
    const sentId = request.headers["x-request-id"];
    const arrivedAt = Date.now();
    const url = request.url ?? "/";
    const queryStart = url.indexOf("?");
    const exchange: Exchange = {
      request,
      response,
      // Time-ordered, so the request log's index grows at its end: random ids make a batch of
      // inserts about twice as slow (see docs/performance.md, SQLite writes).
      requestId: typeof sentId === "string" && REQUEST_ID_PATTERN.test(sentId) ? sentId : timeOrderedId(arrivedAt),
      startedAt: performance.now(),
      startedAtEpochMs: arrivedAt,
      runtime,
      abort,
      path: queryStart === -1 ? url : url.slice(0, queryStart),
    };
    try {
      if (!isAccepting() && !PROBES.has(exchange.path)) {
        // A request on a kept-alive connection during shutdown: tell the client to go elsewhere.
        throw new GatewayError("shutting_down", "The gateway is shutting down; retry on another instance.", {
          headers: { connection: "close", "retry-after": "1" },
        });
      }
      const methods = findRoute(routes, exchange.path);
      const method = request.method ?? "GET";
      // HEAD is GET without the body; node:http drops what the handler writes.
      const handler = methods?.[method] ?? (method === "HEAD" ? methods?.GET : undefined);
      if (!methods) {
        throw new GatewayError("route_not_found", `There is no route ${request.method} ${exchange.path}.`);
      }
      if (!handler) {
        throw new GatewayError("method_not_allowed", `${exchange.path} does not accept ${request.method}.`, {
          headers: { allow: Object.keys(methods).join(", ") },
        });
      }
      await handler(exchange);
    } catch (error) {
      const failure = asGatewayError(error);
      if (failure.code === "internal_error") runtime.logger.error({ err: error }, "request failed");
      sendError(exchange, failure, errorEncoderFor(exchange.path));
    } finally {
      if (!response.writableEnded && !response.destroyed) response.end();
      holder.release(runtime);
      inFlight--;
      if (inFlight === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    }
  };

  const server = createServer(
    {
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // How often Node looks for requests past those timeouts.
      connectionsCheckingInterval: Math.min(2_000, limits.headersTimeoutMs),
    },
    (request, response) => {
      void handle(request, response);
    },
  );
  if (limits.maxConnections !== undefined) {
    server.maxConnections = limits.maxConnections;
    let dropped = 0;
    let lastWarning = 0;
    server.on("drop", () => {
      dropped++;
      if (Date.now() - lastWarning < 10_000) return;
      lastWarning = Date.now();
      holder.runtime.logger.warn(
        { dropped, maxConnections: limits.maxConnections },
        "connection refused: at maxConnections",
      );
    });
  }
  server.on("clientError", answerClientError);
  server.on("checkExpectation", refuseExpectation);
  return {
    server,
    inFlight: () => inFlight,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
  };
}
