import type { ChatRequest, InboundDialect } from "./chat-request.js";
import type { ChatResponse } from "./chat-response.js";
import type { EmbeddingRequest, EmbeddingResponse } from "./embedding.js";
import type { RequestState } from "./request-state.js";

export type Endpoint = "chat" | "embeddings";

/** Who is calling: set by the gateway-keys plugin once a key is verified. */
export interface RequestAuth {
  keyId: string;
  keyName?: string;
  projectId?: string;
  /** The key's own metadata; it joins the request's metadata in logs. */
  metadata: Record<string, string>;
  /**
   * The key's message capture: `level` replaces the configured one for this key's requests;
   * `allowRaiseTo` is the highest level the x-switchyard-log header may ask for.
   */
  logCapture?: { level?: "none" | "metadata" | "full"; allowRaiseTo?: "none" | "metadata" | "full" };
}

/** The request's W3C trace context: the inbound traceparent's trace, or a new one. */
export interface RequestTrace {
  readonly traceId: string;
  /** The gateway's span for this request. */
  readonly spanId: string;
  /** The caller's span, from its traceparent header. */
  readonly parentSpanId?: string;
  /** W3C trace flags, two hex digits ("01" = sampled). */
  readonly flags: string;
}

/** Per-request data handed to every hook. Plugins keep their own state in `state`. */
export interface RequestContextBase {
  readonly requestId: string;
  readonly dialect: InboundDialect;
  /** Inbound request headers, lower-cased. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Aborted when the client disconnects. */
  readonly signal: AbortSignal;
  /** Per-request state shared between a plugin's hooks, under keys made with `stateKey<T>(name)`. */
  readonly state: RequestState;
  /** Fields plugins add to the request's log event. */
  readonly logFields: Record<string, unknown>;
  /**
   * The request's custom metadata: the x-switchyard-metadata header and OpenAI's `metadata`
   * field (later: the key's). Conditional routes and log events use it.
   */
  readonly metadata: Record<string, string>;
  /** Headers plugins add to the response (for example x-switchyard-cache); sent with answers and errors. */
  readonly responseHeaders: Record<string, string>;
  /**
   * Aborts the request's upstream call (ctx.signal fires with `reason`); a GatewayError reason
   * is what the client gets. For guards that decide while the upstream is still answering.
   */
  abort?(reason: unknown): void;
  /** Set once a gateway key is verified (undefined with `auth: optional` and no key). */
  auth?: RequestAuth;
  /** The trace this request belongs to; each upstream attempt gets a child span. */
  readonly trace?: RequestTrace;
}

export interface ChatContext extends RequestContextBase {
  readonly endpoint: "chat";
  /** The request as it will be sent on; request hooks may change it or replace it. */
  request: ChatRequest;
  /** Set once the upstream (or a plugin) answered; response hooks may replace it. */
  response?: ChatResponse;
  /**
   * For a hook that must see the whole answer (rewrite, judge, validate): the upstream call is
   * made without streaming, onResponse hooks get the whole answer, and the client still gets a
   * stream, replayed from it. Call it before the upstream call (onRequest, or wrapChat before
   * next()); on a request that is not streamed it does nothing.
   */
  bufferStream(): void;
  /** True once a hook called bufferStream() on a streamed request. */
  readonly streamBuffered: boolean;
}

export interface EmbeddingContext extends RequestContextBase {
  readonly endpoint: "embeddings";
  request: EmbeddingRequest;
  response?: EmbeddingResponse;
}

export type RequestContext = ChatContext | EmbeddingContext;
