import type { StreamChunk, StreamEvent } from "../contract/stream-event.js";
import type { AbortSource } from "./abort-scope.js";
import { type BodyReads, bodyReads } from "./body-reads.js";
import { ENDED } from "./chain-next.js";
import { toUpstreamError } from "./to-upstream-error.js";
import { badUpstreamResponse } from "./upstream-json.js";
import { Utf8StreamDecoder } from "./utf8-stream-decoder.js";

/**
 * The most text a body may send without completing an item (an SSE event, an NDJSON line). The
 * framing holds such text until the item ends, so without a bound one broken or hostile upstream
 * could fill the gateway's memory. Generous: one event may carry a whole generated image.
 */
export const MAX_CHARS_WITHOUT_ITEM = 32 * 1024 * 1024;

/**
 * Cuts a body's text, as it arrives, into the items a decoder reads (SSE messages, NDJSON
 * lines), handing each complete item to the function its constructor was given.
 */
export interface Framing {
  feed(text: string): void;
  /** The body ended: an item still open is handed over or dropped, as the framing defines. */
  end(): void;
}

/** A framing's class: a stream makes one per body. */
export type FramingClass<Item> = new (onItem: (item: Item) => void) => Framing;

/** Turns a provider's stream items, one at a time, into canonical chunks. */
export interface ChunkDecoder<Item> {
  /** The chunk one item gives, if any. */
  decode(item: Item): StreamChunk | undefined;
  /** Nothing more is to be read: the terminal item, an in-band error or an unreadable item came. */
  readonly ended: boolean;
  /** The stream's terminal item was read. */
  readonly complete: boolean;
  /**
   * For a body that ended before the decoder did: its last chunk, with an error if the stream was
   * cut short (a provider without a terminal item, Gemini, also ends a whole stream here).
   */
  cut(): StreamChunk | undefined;
  /** Events held back until the stream ends (Gemini's cumulative usage), put before a broken connection's error. */
  heldEvents?(): StreamEvent[];
}

/**
 * Reads a streamed body straight into canonical chunks in one loop: bytes to text, text to items
 * (by the framing: SSE messages, NDJSON lines), items to chunks (by the provider's decoder). A
 * plain iterator rather than a chain of async generators (body iterator, framing reader,
 * provider decoder): each event of every open stream passes through here, and each generator
 * adds a promise, a request and a resumption that stay alive across the wait for the next
 * event, long enough to be promoted to the old generation. Waiting costs one promise.
 *
 * Chunks that carry no upstream text (no passthrough) and come from one network read are joined
 * into one, so a provider whose events are always re-encoded costs one iteration per read;
 * chunks with a passthrough stay one per upstream event, as their clients get them.
 *
 * A broken connection becomes an error chunk. Once the decoder has read the terminal item, the
 * body's rest (usually a few bytes already received) is read in the background: destroying an
 * unfinished body costs an abort error with a stack trace and its connection. A reader that
 * stops for any other reason destroys the body, so the upstream stops generating.
 */
export class ChunkStream<Item> implements AsyncIterableIterator<StreamChunk> {
  private readonly reads: BodyReads;
  private readonly text = new Utf8StreamDecoder();
  private readonly framing: Framing;
  /** Chunks decoded from the last read and not yet taken. */
  private readonly ready: StreamChunk[] = [];
  private finished = false;
  /** Text fed since the framing last handed over an item (see MAX_CHARS_WITHOUT_ITEM). */
  private charsSinceItem = 0;
  /** The reader's pending next(), while the body has nothing to give. */
  private waiting: ((result: IteratorResult<StreamChunk>) => void) | undefined;

  constructor(
    body: AsyncIterable<Buffer | Uint8Array>,
    framing: FramingClass<Item>,
    private readonly decoder: ChunkDecoder<Item>,
    private readonly provider: string,
    private readonly signal: AbortSource,
  ) {
    this.reads = bodyReads(body);
    this.framing = new framing(this.onItem);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamChunk>> {
    const chunk = this.ready.shift();
    if (chunk) return Promise.resolve({ done: false, value: chunk });
    if (this.finished) return Promise.resolve(ENDED);
    const result = this.readAvailable();
    if (result) return Promise.resolve(result);
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.reads.wait(this.onWake);
    });
  }

  async return(): Promise<IteratorResult<StreamChunk>> {
    this.stop();
    this.ready.length = 0;
    return ENDED;
  }

  /** Made once: the body calls it each time the reader waits and more arrives. */
  private readonly onWake = (): void => {
    const result = this.readAvailable();
    if (!result) {
      this.reads.wait(this.onWake);
      return;
    }
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.(result);
  };

  /** Decodes what the body holds until a chunk or the end is ready; undefined when it must wait. */
  private readAvailable(): IteratorResult<StreamChunk> | undefined {
    try {
      while (true) {
        const bytes = this.reads.read();
        if (bytes !== null) {
          const text = this.text.write(bytes);
          this.charsSinceItem += text.length;
          this.framing.feed(text);
          if (this.charsSinceItem > MAX_CHARS_WITHOUT_ITEM) return this.failed(this.itemTooLarge());
        } else if (this.reads.error !== undefined) {
          return this.failed(this.reads.error);
        } else if (this.reads.ended) {
          this.framing.feed(this.text.end());
          this.framing.end();
          this.stop();
          const cut = this.decoder.ended ? undefined : this.decoder.cut();
          if (cut) this.ready.push(cut);
        } else {
          return undefined;
        }
        if (this.decoder.ended) this.stop();
        const chunk = this.ready.shift();
        if (chunk) return { done: false, value: chunk };
        if (this.finished) return ENDED;
      }
    } catch (error) {
      return this.failed(error);
    }
  }

  /** A broken connection (or a decoder that threw) ends the stream with an error chunk. */
  private failed(error: unknown): IteratorResult<StreamChunk> {
    this.stop();
    this.ready.length = 0;
    const events = this.decoder.heldEvents?.() ?? [];
    events.push({ type: "error", error: toUpstreamError(error, this.provider, this.signal) });
    return { done: false, value: { events } };
  }

  /** Made once, for the framing. `ready` is empty when a read is fed, so a chunk found there came from the same read. */
  private readonly onItem = (item: Item): void => {
    this.charsSinceItem = 0;
    if (this.decoder.ended) return;
    const chunk = this.decoder.decode(item);
    if (!chunk) return;
    const last = this.ready.at(-1);
    if (last && !last.passthrough && !chunk.passthrough) {
      for (const event of chunk.events) last.events.push(event);
    } else {
      this.ready.push(chunk);
    }
  };

  private itemTooLarge() {
    const mib = MAX_CHARS_WITHOUT_ITEM / (1024 * 1024);
    return badUpstreamResponse(this.provider, `a stream with more than ${mib} MiB of text in one event or line`);
  }

  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.reads.ended || this.reads.error !== undefined) return;
    if (this.decoder.complete) this.reads.drain();
    else this.reads.destroy();
  }
}
