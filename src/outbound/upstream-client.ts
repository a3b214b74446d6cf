import type { TimeoutsConfig } from "../config/schema.js";
import type { AbortSource } from "./abort-scope.js";
import { setDeadline } from "./deadlines.js";
import { followAbort } from "./follow-abort.js";
import { toUpstreamError } from "./to-upstream-error.js";
import { Pool } from "./undici-dispatchers.js";
import type { UpstreamBody } from "./upstream-body.js";
import { UpstreamDispatch } from "./upstream-dispatch.js";

export interface UpstreamRequest {
  /** Path and query, starting with "/". */
  path: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSource;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: UpstreamBody;
  /** ms from dispatch until the response headers arrived. */
  headersMs: number;
}

/**
 * One keep-alive connection pool per upstream origin (undici's dispatcher API: several times
 * cheaper per request than fetch). Connect, first-byte, idle and total timeouts come from config.
 */
export class UpstreamClient {
  private readonly pool: InstanceType<typeof Pool>;

  constructor(
    readonly provider: string,
    readonly origin: string,
    private readonly timeouts: TimeoutsConfig,
    maxConnections: number,
  ) {
    this.pool = new Pool(origin, {
      connections: maxConnections,
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.firstByteMs,
      bodyTimeout: timeouts.idleMs,
      keepAliveTimeout: 30_000,
    });
  }

  async request(request: UpstreamRequest): Promise<UpstreamResponse> {
    const started = performance.now();
    // The caller's abort (client gone, attempt timeout) and the provider's total timeout both
    // stop the request; both are let go once the body is done, so nothing outlives the request.
    // These closures live as long as a stream: they hold the dispatch, not the request's body.
    const release = () => {
      timeout.cancel();
      unfollow();
    };
    const dispatch = new UpstreamDispatch(release);
    const unfollow = followAbort(request.signal, (reason) => dispatch.abort(reason));
    const timeout = setDeadline(this.timeouts.totalMs, () =>
      dispatch.abort(new DOMException(`No answer within ${this.timeouts.totalMs} ms.`, "TimeoutError")),
    );
    if (!dispatch.aborted) {
      this.pool.dispatch(
        { path: request.path, method: request.method, headers: request.headers, body: request.body },
        dispatch,
      );
    }
    try {
      const head = await dispatch.head;
      return { status: head.status, headers: head.headers, body: head.body, headersMs: performance.now() - started };
    } catch (error) {
      release();
      throw toUpstreamError(error, this.provider, dispatch);
    }
  }

  /** Finishes requests in flight, then closes the sockets. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
