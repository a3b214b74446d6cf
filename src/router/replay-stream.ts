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
  const stream: AsyncIterableIterator<StreamChunk> = {
    [Symbol.asyncIterator]: () => stream,
    async next() {
      const held = pending.shift();
      if (held) return { done: false, value: held };
      if (restEnded || finished) {
        finish();
        return ended;
      }
      try {
        const next = await rest.next();
        if (next.done) {
          restEnded = true;
          finish();
          return ended;
        }
        return next;
      } catch (error) {
        restEnded = true;
        finish();
        throw error;
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
