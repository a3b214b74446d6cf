import type { ChatRequest } from "./chat-request.js";
import type { ChatResponse } from "./chat-response.js";
import type { EmbeddingRequest, EmbeddingResponse } from "./embedding.js";
import type { StreamChunk, WireFormat } from "./stream-event.js";

/**
 * The version of this contract an adapter implements. The gateway refuses an adapter built for
 * another one, rather than calling it with arguments it does not expect.
 */
export const PROVIDER_SPECIFICATION_VERSION = "switchyard.provider.v1";

/**
 * The abort of one upstream attempt: the client went away, a deadline passed, or the router gave
 * up on the attempt. `follow` costs next to nothing; `signal` makes an AbortSignal on first read,
 * for an API that takes only those (fetch, an SDK), and is worth avoiding where `follow` will do.
 */
export interface CallAbort {
  readonly aborted: boolean;
  /** Why it aborted; a TimeoutError DOMException when a deadline passed. */
  readonly reason: unknown;
  /** Calls `follower` with the reason once it aborts (at once if it has). Returns what stops following. */
  follow(follower: (reason: unknown) => void): () => void;
  /** The same abort as an AbortSignal, made on first read. */
  readonly signal: AbortSignal;
}

/** What an adapter needs for one upstream attempt. */
export interface UpstreamCall {
  /** The upstream model id (already resolved from the virtual model or provider/model). */
  upstreamModel: string;
  /** Aborted when the client disconnects or a deadline passes. */
  abort: CallAbort;
  /** Extra headers for this target, on top of the provider's. */
  headers?: Record<string, string>;
  /** The inbound request id, forwarded where a provider accepts one. */
  requestId: string;
}

/** Timing reported by an adapter so the gateway can separate its own time from the upstream's. */
export interface UpstreamTiming {
  /**
   * ms spent waiting on the upstream: until the whole body arrived for a plain answer, until
   * the response headers arrived for a stream.
   */
  upstreamMs: number;
}

export interface ChatResult {
  response: ChatResponse;
  /** The upstream body unchanged, when it is in a client dialect's format (fast path). */
  passthrough?: { format: WireFormat; body: string };
  upstreamRequestId?: string;
  timing: UpstreamTiming;
}

export interface ChatStreamResult {
  /** Chunks as they arrive. Errors after the start are yielded as `error` events. */
  chunks: AsyncIterable<StreamChunk>;
  upstreamRequestId?: string;
  timing: UpstreamTiming;
}

export interface EmbeddingResult {
  response: EmbeddingResponse;
  /** The upstream body unchanged when it is in OpenAI's format and the encoding matches. */
  passthrough?: { format: "openai-embeddings"; body: string };
  upstreamRequestId?: string;
  timing: UpstreamTiming;
}

/**
 * A provider adapter: encodes canonical requests to its upstream's wire format, calls it and
 * decodes the answer. One adapter instance serves one configured provider.
 */
export interface ProviderAdapter {
  /** The contract version the adapter implements: PROVIDER_SPECIFICATION_VERSION. */
  readonly specificationVersion: typeof PROVIDER_SPECIFICATION_VERSION;
  /** The configured provider name (the `provider` in `provider/model`). */
  readonly name: string;
  /** The adapter type (openai, azure, anthropic, …). */
  readonly type: string;
  /** Models this provider lists in GET /v1/models. */
  readonly models: readonly string[];
  chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult>;
  /** Resolves once the upstream has answered with a stream (before its first event is read). */
  chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult>;
  embed?(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult>;
  /** Counts the input tokens of a request the way the upstream does, where it offers that (Anthropic). */
  countTokens?(request: ChatRequest, call: UpstreamCall): Promise<{ inputTokens: number }>;
  /** Releases connection pools; requests in flight finish first. */
  close(): Promise<void>;
}
