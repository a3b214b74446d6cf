import type { UpstreamCall } from "../contract/provider-adapter.js";

/**
 * The abort of one request or one upstream attempt, for the many that never abort.
 *
 * An AbortController costs little; its AbortSignal does not: about 24 µs to make right after
 * the caches were flushed, which is how a request finds them at a few hundred requests a second
 * (see docs/performance.md, Abort signals). A request would need two, the client's and the
 * attempt's. Here followers are plain callbacks, and the
 * AbortSignal is made only when something asks for one (a plugin reading `ctx.signal`, a
 * third-party adapter reading `call.signal`); it is aborted at once if the scope already is.
 */
export class AbortScope {
  aborted = false;
  reason: unknown = undefined;
  private controller: AbortController | undefined;
  private followers: Array<(reason: unknown) => void> | undefined;

  /** The same abort as an AbortSignal, made on first read. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** Aborts once: later calls keep the first reason. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const followers = this.followers;
    this.followers = undefined;
    this.controller?.abort(reason);
    if (followers) for (const follower of followers) follower(reason);
  }

  /**
   * Calls `follower` with the reason when the scope aborts (at once if it has). Returns what stops
   * following, for a follower that ends first.
   */
  follow(follower: (reason: unknown) => void): () => void {
    if (this.aborted) {
      follower(this.reason);
      return () => {};
    }
    this.followers ??= [];
    this.followers.push(follower);
    return () => {
      const index = this.followers?.indexOf(follower) ?? -1;
      if (index !== -1) this.followers?.splice(index, 1);
    };
  }
}

/** What the outbound layer watches for an abort: a scope of the gateway's own, or any signal. */
export type AbortSource = AbortSignal | AbortScope;

/** Makes a signal of a source, for an API that takes only AbortSignals. */
export function signalOf(source: AbortSource): AbortSignal {
  return source instanceof AbortSignal ? source : source.signal;
}

const CALL_ABORT = Symbol("the call's abort scope");

/**
 * An upstream call whose public `signal` is made only when read (by a third-party adapter).
 * The gateway's own adapters follow the scope itself through abortOf.
 */
export function abortableCall(fields: Omit<UpstreamCall, "signal">, scope: AbortScope): UpstreamCall {
  return new ScopedUpstreamCall(fields, scope);
}

/**
 * A class rather than an object literal with `get signal()`: V8 puts a literal's accessor pair
 * in the old generation, where it keeps the getter's closure, and with it the request, alive
 * through every young-generation collection until the next full one.
 * A prototype's getter is made once.
 */
class ScopedUpstreamCall implements UpstreamCall {
  upstreamModel: string;
  headers: Record<string, string> | undefined;
  requestId: string;
  readonly [CALL_ABORT]: AbortScope;

  constructor(fields: Omit<UpstreamCall, "signal">, scope: AbortScope) {
    // Named rather than spread: see exchangeTiming.
    this.upstreamModel = fields.upstreamModel;
    this.headers = fields.headers;
    this.requestId = fields.requestId;
    this[CALL_ABORT] = scope;
  }

  get signal(): AbortSignal {
    return this[CALL_ABORT].signal;
  }
}

/** What aborts `call`: its scope when the router made it, else its signal. */
export function abortOf(call: UpstreamCall): AbortSource {
  return (call as { [CALL_ABORT]?: AbortScope })[CALL_ABORT] ?? call.signal;
}
