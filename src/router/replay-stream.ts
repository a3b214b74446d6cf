import type { StreamChunk } from "../contract/stream-event.js";
import { chainNext, ENDED } from "../outbound/chain-next.js";

/**
 * The stream with its already-read head put back; `done` runs once, when it ends either way
 * (read to the end, failed, or let go by the reader, which also lets the rest go).
 */
export function replayStream(
  head: { chunks: StreamChunk[]; done: boolean },
  rest: AsyncIterator<StreamChunk>,
  done: () => void,
): AsyncIterableIterator<StreamChunk> {
  return new ReplayedStream(head.chunks, head.done, rest, done);
}

/**
 * A class rather than an async generator or an object literal: each event of every open stream
 * passes through here; a generator adds a request queue, a promise and a suspended frame per
 * event, and a literal makes its methods (and their computed names) again for every stream.
 */
class ReplayedStream implements AsyncIterableIterator<StreamChunk> {
  private finished = false;

  constructor(
    private readonly pending: StreamChunk[],
    private restEnded: boolean,
    private readonly rest: AsyncIterator<StreamChunk>,
    private readonly done: () => void,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamChunk>> {
    const held = this.pending.shift();
    if (held) return Promise.resolve({ done: false, value: held });
    if (this.restEnded || this.finished) {
      this.finish();
      return Promise.resolve(ENDED);
    }
    return chainNext(this.rest, this.onRead, this.onFailure);
  }

  async return(): Promise<IteratorResult<StreamChunk>> {
    this.finish();
    this.pending.length = 0;
    if (!this.restEnded) {
      this.restEnded = true;
      await this.rest.return?.();
    }
    return ENDED;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.done();
  }

  private readonly onRead = (read: IteratorResult<StreamChunk>): IteratorResult<StreamChunk> => {
    if (!read.done) return read;
    this.restEnded = true;
    this.finish();
    return ENDED;
  };

  private readonly onFailure = (error: unknown): never => {
    this.restEnded = true;
    this.finish();
    throw error;
  };
}
