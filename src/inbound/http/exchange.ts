import type { IncomingMessage, ServerResponse } from "node:http";
import type { Runtime } from "../../app/runtime.js";
import type { AbortScope } from "../../outbound/abort-scope.js";

/** One inbound HTTP request and what the gateway knows about it so far. */
export interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly requestId: string;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /** Date.now() when the request arrived; the log event's ISO time is made from it after the answer. */
  readonly startedAtEpochMs: number;
  /** The runtime this request uses from start to end, even if the config is reloaded meanwhile. */
  readonly runtime: Runtime;
  /**
   * Aborted when the client goes away before the response is complete, or with a reason of the
   * gateway's (a plugin's ctx.abort). The request's one abort; its `signal` is made only if read.
   */
  readonly abort: AbortScope;
  /** Pathname without the query string. */
  readonly path: string;
}

export type RouteHandler = (exchange: Exchange) => Promise<void>;
