import type { StreamChunk } from "../spec/stream-event.js";

/**
 * The stream with its already-read head put back; `done` runs once, when it ends either way
 * (read to the end, failed, or let go by the reader, which also lets the rest go).
 *
 * A plain iterator rather than an async generator: each event of every open stream passes
 * through here, and a generator adds a request queue, a promise and a resumption per event.
 */
export function replayStream(
  head: { chunks: StreamChunk[]; done: boolean },
  rest: AsyncIterator<StreamChunk>,
  done: () => void,
): AsyncIterableIterator<StreamChunk> {
  const pending = head.chunks;
  let restEnded = head.done;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done();
  };
  const ended: IteratorReturnResult<undefined> = { done: true, value: undefined };
  const onRead = (read: IteratorResult<StreamChunk>): IteratorResult<StreamChunk> => {
    if (!read.done) return read;
    restEnded = true;
    finish();
    return ended;
  };
  const onFailure = (error: unknown): never => {
    restEnded = true;
    finish();
    throw error;
  };
  // `next` returns the source's promise chained once, not an async function's: no suspended
  // frame stays on each open stream between two events.
  const stream: AsyncIterableIterator<StreamChunk> = {
    [Symbol.asyncIterator]: () => stream,
    next() {
      const held = pending.shift();
      if (held) return Promise.resolve({ done: false, value: held });
      if (restEnded || finished) {
        finish();
        return Promise.resolve(ended);
      }
      try {
        return rest.next().then(onRead, onFailure);
      } catch (error) {
        return Promise.reject(error).catch(onFailure);
      }
    },
    async return() {
      finish();
      pending.length = 0;
      if (!restEnded) {
        restEnded = true;
        await rest.return?.();
      }
      return ended;
    },
  };
  return stream;
}
