import { createParser, type EventSourceMessage } from "eventsource-parser";
import { Utf8StreamDecoder } from "./utf8-stream-decoder.js";

/**
 * Decodes an SSE body once, in one place: yields the events of each network read as a batch,
 * so one read holding several events costs one iteration. UTF-8 split across reads is handled
 * by the stream decoder; events split across reads by the parser.
 *
 * `complete` tells whether the stream's terminal event was read. A reader that stops there
 * leaves the body to be read to its end in the background (usually a few bytes already
 * received): destroying an unfinished body costs an abort error with a stack trace and its
 * connection. A reader that stops for any other reason destroys the body, so the upstream stops
 * generating.
 */
export async function* readSseEvents(
  body: AsyncIterable<Buffer | Uint8Array>,
  complete: () => boolean = () => false,
): AsyncGenerator<EventSourceMessage[]> {
  const decoder = new Utf8StreamDecoder();
  let batch: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => batch.push(event) });
  const reads = body[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (let read = await reads.next(); !read.done; read = await reads.next()) {
      parser.feed(decoder.write(read.value));
      if (batch.length > 0) {
        const ready = batch;
        batch = [];
        yield ready;
      }
    }
    ended = true;
  } finally {
    if (!ended) {
      if (complete()) readToEnd(reads);
      else await reads.return?.();
    }
  }
  parser.feed(decoder.end());
  if (batch.length > 0) yield batch;
}

/** Reads what is left of a body without waiting for it; a body cut by its own timeouts is let go. */
function readToEnd(reads: AsyncIterator<unknown>): void {
  const next = (): Promise<void> => reads.next().then((read) => (read.done ? undefined : next()));
  next().catch(() => {});
}
