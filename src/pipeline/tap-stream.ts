import type { ChatContext } from "../contract/request-context.js";
import type { StreamChunk } from "../contract/stream-event.js";
import type { Usage } from "../contract/usage.js";
import { chainNext, ENDED } from "../outbound/chain-next.js";
import type { PluginChain } from "./plugin-chain.js";
import { StreamResponseAssembler } from "./stream-response-assembler.js";

/** What the stream carried, read on the side for logs and plugins. */
export interface StreamTap {
  usage?: Usage;
  completed: boolean;
  firstChunkAt?: number;
  /** Set before the stream is read to keep the whole answer (message capture in logs). */
  assembleResponse?: boolean;
  /** The answer so far, when assembled (for onStreamEnd hooks or assembleResponse). */
  assembler?: StreamResponseAssembler;
}

/**
 * Runs stream hooks (when any) on each chunk and records usage and completion on the side;
 * after an error event it ends the stream and lets the upstream go. At the end it runs the
 * onStreamEnd hooks.
 */
export function tapStream(
  chunks: AsyncIterable<StreamChunk>,
  ctx: ChatContext,
  chain: PluginChain,
  tap: StreamTap,
): AsyncIterableIterator<StreamChunk> {
  return new TappedStream(chunks[Symbol.asyncIterator](), ctx, chain, tap);
}

/**
 * A class rather than an async generator or an object literal: every event of every open stream
 * passes through here; a generator adds a request queue, a promise and a suspended frame per
 * event, and a literal makes its methods (and their computed names) again for every stream.
 */
class TappedStream implements AsyncIterableIterator<StreamChunk> {
  private started = false;
  private failed = false;
  private done = false;

  constructor(
    private readonly source: AsyncIterator<StreamChunk>,
    private readonly ctx: ChatContext,
    private readonly chain: PluginChain,
    private readonly tap: StreamTap,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamChunk>> {
    if (this.done) return Promise.resolve(ENDED);
    if (this.failed) return this.letGo();
    if (!this.started) this.start();
    return chainNext(this.source, this.onRead, this.onFailure);
  }

  return(): Promise<IteratorResult<StreamChunk>> {
    return this.done ? Promise.resolve(ENDED) : this.letGo();
  }

  /**
   * At the first read, not before: the handler may ask for the whole answer (message capture)
   * after the stream was made. Only assembled when something will read it from ctx.response.
   */
  private start(): void {
    this.started = true;
    const { tap } = this;
    if (this.chain.hasStreamEndHooks || tap.assembleResponse) tap.assembler = new StreamResponseAssembler();
  }

  private letGo(): Promise<IteratorReturnResult<undefined>> {
    this.done = true;
    return Promise.resolve(this.source.return?.()).then(() => ENDED);
  }

  private readonly onRead = (
    read: IteratorResult<StreamChunk>,
  ): IteratorResult<StreamChunk> | Promise<IteratorReturnResult<undefined>> => {
    const { ctx, chain, tap } = this;
    if (read.done) {
      this.done = true;
      tap.completed = true;
      if (tap.assembler) ctx.response = tap.assembler.response();
      return chain.onStreamEnd(ctx).then(() => ENDED);
    }
    const chunk = read.value;
    tap.firstChunkAt ??= performance.now();
    for (const event of chunk.events) {
      if (event.type === "usage") tap.usage = event.usage;
      else if (event.type === "error") this.failed = true;
    }
    const sent = chain.hasStreamEventHooks
      ? { events: chunk.events.flatMap((event) => chain.onStreamEvent(ctx, event)) }
      : chunk;
    if (tap.assembler) for (const event of sent.events) tap.assembler.add(event);
    return { done: false, value: sent };
  };

  private readonly onFailure = (error: unknown): never => {
    this.done = true;
    throw error;
  };
}
