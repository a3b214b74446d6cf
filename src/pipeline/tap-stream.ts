import type { ChatContext } from "../spec/request-context.js";
import type { StreamChunk } from "../spec/stream-event.js";
import type { Usage } from "../spec/usage.js";
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

const ENDED: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Runs stream hooks (when any) on each chunk and records usage and completion on the side;
 * after an error event it ends the stream and lets the upstream go. At the end it runs the
 * onStreamEnd hooks.
 *
 * A plain iterator rather than an async generator: every event of every open stream passes
 * through here, and a generator adds a request queue, a promise and a suspended frame per event.
 */
export function tapStream(
  chunks: AsyncIterable<StreamChunk>,
  ctx: ChatContext,
  chain: PluginChain,
  tap: StreamTap,
): AsyncIterableIterator<StreamChunk> {
  const source = chunks[Symbol.asyncIterator]();
  // Only built when an onStreamEnd hook will read the whole answer from ctx.response.
  const assembler = chain.hasStreamEndHooks || tap.assembleResponse ? new StreamResponseAssembler() : undefined;
  tap.assembler = assembler;
  let failed = false;
  let done = false;

  const letGo = (): Promise<IteratorReturnResult<undefined>> => {
    done = true;
    return Promise.resolve(source.return?.()).then(() => ENDED);
  };
  const onRead = (
    read: IteratorResult<StreamChunk>,
  ): IteratorResult<StreamChunk> | Promise<IteratorReturnResult<undefined>> => {
    if (read.done) {
      done = true;
      tap.completed = true;
      if (assembler) ctx.response = assembler.response();
      return chain.onStreamEnd(ctx).then(() => ENDED);
    }
    const chunk = read.value;
    tap.firstChunkAt ??= performance.now();
    for (const event of chunk.events) {
      if (event.type === "usage") tap.usage = event.usage;
      else if (event.type === "error") failed = true;
    }
    const sent = chain.hasStreamEventHooks
      ? { events: chunk.events.flatMap((event) => chain.onStreamEvent(ctx, event)) }
      : chunk;
    if (assembler) for (const event of sent.events) assembler.add(event);
    return { done: false, value: sent };
  };
  const onFailure = (error: unknown): never => {
    done = true;
    throw error;
  };

  const stream: AsyncIterableIterator<StreamChunk> = {
    [Symbol.asyncIterator]: () => stream,
    next() {
      if (done) return Promise.resolve(ENDED);
      if (failed) return letGo();
      try {
        return source.next().then(onRead, onFailure);
      } catch (error) {
        return Promise.reject(error).catch(onFailure);
      }
    },
    return() {
      return done ? Promise.resolve(ENDED) : letGo();
    },
  };
  return stream;
}
