import type { ChatRequest, InboundDialect } from "../../contract/chat-request.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import type { EmbeddingRequest, EmbeddingResponse } from "../../contract/embedding.js";
import type {
  ChatContext,
  EmbeddingContext,
  RequestAuth,
  RequestContextBase,
  RequestTrace,
} from "../../contract/request-context.js";
import type { RequestState } from "../../contract/request-state.js";
import type { AbortScope } from "../../outbound/abort-scope.js";
import { startRequestTrace } from "../../telemetry/request-trace.js";
import type { Exchange } from "./exchange.js";
import { readRequestMetadata } from "./read-request-metadata.js";

/**
 * What every request context takes from its exchange.
 *
 * `signal` is a getter on the prototype rather than in an object literal. V8 allocates a
 * literal's accessor pair in the old generation, and that old object holds the getter's closure:
 * a closure over the exchange kept the whole request alive through every young-generation
 * collection until the next full one.
 */
abstract class ExchangeContext implements RequestContextBase {
  readonly requestId: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  // A plain Map: typed keys are objects, compared by identity like any Map key.
  readonly state: RequestState = new Map();
  readonly logFields: Record<string, unknown> = {};
  readonly responseHeaders: Record<string, string> = {};
  readonly metadata: Record<string, string>;
  readonly trace: RequestTrace;
  // Declared only: set by the gateway-keys plugin, absent until then.
  declare auth?: RequestAuth;
  readonly #abort: AbortScope;

  constructor(exchange: Exchange, bodyMetadata: Record<string, string> | undefined) {
    this.requestId = exchange.requestId;
    this.headers = exchange.request.headers;
    this.metadata = readRequestMetadata(exchange.request.headers, bodyMetadata);
    this.trace = startRequestTrace(exchange.request.headers, exchange.runtime.ids);
    this.#abort = exchange.abort;
  }

  /** The exchange's abort as an AbortSignal, made only for a plugin that reads it (see AbortScope). */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  abstract readonly dialect: InboundDialect;
}

/** The context of one chat request, in any chat dialect. */
export class ExchangeChatContext extends ExchangeContext implements ChatContext {
  readonly endpoint = "chat";
  declare response?: ChatResponse;
  streamBuffered = false;
  /** A function of its own, so a plugin may pass `ctx.abort` on as a callback. */
  readonly abort: (reason: unknown) => void;

  constructor(
    exchange: Exchange,
    readonly dialect: InboundDialect,
    public request: ChatRequest,
  ) {
    super(exchange, request.metadata);
    const scope = exchange.abort;
    this.abort = (reason) => scope.abort(reason);
  }

  bufferStream(): void {
    if (this.request.stream) this.streamBuffered = true;
  }
}

/** The context of one embeddings request. */
export class ExchangeEmbeddingContext extends ExchangeContext implements EmbeddingContext {
  readonly endpoint = "embeddings";
  readonly dialect = "openai-embeddings";
  declare response?: EmbeddingResponse;

  constructor(
    exchange: Exchange,
    public request: EmbeddingRequest,
  ) {
    super(exchange, undefined);
  }
}
