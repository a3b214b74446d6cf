import type { ChatRequest } from "./chat-request.js";
import type { ChatResponse } from "./chat-response.js";
import type { EmbeddingResponse } from "./embedding.js";
import type { GatewayError } from "./errors.js";
import type { LogEvent } from "./log-event.js";
import type { ChatContext, EmbeddingContext } from "./request-context.js";
import type { StreamEvent } from "./stream-event.js";

type MaybePromise<T> = T | Promise<T>;

/** A hook may answer a chat request itself (a cache hit, a canned reply). */
export interface ChatReply {
  response: ChatResponse;
}

export interface EmbeddingReply {
  response: EmbeddingResponse;
}

/** The plugin API this gateway implements; a definition's `apiVersion` must match it. */
export const PLUGIN_API_VERSION = 1;

/**
 * The hooks a plugin may implement, as `create` returns them. Request hooks run in the configured
 * order; response and stream hooks run in reverse order (an onion), so a plugin that rewrites a
 * request sees the answer to its own rewrite. To refuse a request, throw a GatewayError.
 */
export interface PluginHooks {
  /**
   * @deprecated The name is taken from definePlugin's `name`; leave it out here. A name that
   * differs from the definition's is refused at load.
   */
  readonly name?: string;
  /**
   * Around the whole chat request, outside every other hook: `next()` runs the inner wrappers,
   * every plugin's request hooks, the upstream call, the response or stream hooks, and sending
   * the answer. It resolves once the answer is sent (the last stream event written, or the
   * client gone: then ctx.signal is aborted) and rejects with the error the request failed with.
   * Wrappers nest in the configured order, the first listed outermost. Throw before next() to
   * refuse the request; once next() is called the answer is the inner one's whatever the hook
   * does, and a later exception is logged. Call next() once. Not bounded by `timeoutMs`.
   */
  wrapChat?(ctx: ChatContext, next: () => Promise<void>): Promise<void>;
  /** Before routing. May change `ctx.request`, or return a reply to answer without an upstream call. */
  onRequest?(ctx: ChatContext): MaybePromise<ChatReply | undefined | void>;
  /** After a non-streamed answer. May replace `ctx.response`. */
  onResponse?(ctx: ChatContext): MaybePromise<void>;
  /**
   * Each stream event on its way to the client. Return nothing to keep it, `null` to drop it,
   * or one or more events to replace it. A plugin with this hook turns off byte forwarding.
   */
  onStreamEvent?(ctx: ChatContext, event: StreamEvent): StreamEvent | StreamEvent[] | null | undefined | void;
  /**
   * Once a stream's upstream has answered, before anything is sent to the client. May await
   * (a guard's verdict); throw to refuse, and the client gets a plain error instead of a stream.
   */
  onStreamStart?(ctx: ChatContext): MaybePromise<void>;
  /** After the last event of a stream that completed without error. */
  onStreamEnd?(ctx: ChatContext): MaybePromise<void>;
  onEmbeddingRequest?(ctx: EmbeddingContext): MaybePromise<EmbeddingReply | undefined | void>;
  onEmbeddingResponse?(ctx: EmbeddingContext): MaybePromise<void>;
  /** When the request failed. Observational: the error still goes to the client. */
  onError?(ctx: ChatContext | EmbeddingContext, error: GatewayError): MaybePromise<void>;
  /** Each log event, after the response. Must not throw; errors are logged and ignored. */
  onLog?(event: LogEvent): MaybePromise<void>;
  /** On shutdown or config reload. */
  close?(): MaybePromise<void>;
}

/** A loaded plugin: its hooks under its definition's name, which errors and logs give. */
export interface Plugin extends PluginHooks {
  readonly name: string;
}

/** The result shape of a zod schema's safeParse, so plugins can validate options with zod. */
export interface OptionsSchema<Options> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: Options }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

export interface PluginLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Calls models through the gateway's own routing, for plugins that need an LLM or embeddings. */
export interface ModelClient {
  /** Sends a chat request (model: a virtual model or provider/model). No plugins run on it. */
  chat(request: ChatRequest, options?: { signal?: AbortSignal }): Promise<ChatResponse>;
  /** Embeds texts with an embedding model; vectors in input order. */
  embed(model: string, input: string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
}

/** What the gateway gives a plugin when it creates it. */
export interface PluginServices {
  logger: PluginLogger;
  /** The folder of the config file, for resolving relative paths in options. */
  configDirectory: string;
  models: ModelClient;
}

/** A plugin module's default export. */
export interface PluginDefinition<Options = Record<string, never>> {
  readonly name: string;
  /**
   * The plugin API version the plugin is written for (PLUGIN_API_VERSION when it was written).
   * A gateway refuses a plugin written for another version; left out, it is taken as 1.
   */
  readonly apiVersion?: number;
  readonly options?: OptionsSchema<Options>;
  create(options: Options, services: PluginServices): MaybePromise<PluginHooks>;
}

/** Identity helper that gives a plugin definition its types. */
export function definePlugin<Options>(definition: PluginDefinition<Options>): PluginDefinition<Options> {
  return definition;
}
