import { createParser, type EventSourceMessage } from "eventsource-parser";
import { Utf8StreamDecoder } from "./utf8-stream-decoder.js";

/**
 * Decodes an SSE body once, in one place: yields the events of each network read as a batch,
 * so one read holding several events costs one iteration. UTF-8 split across reads is handled
 * by the stream decoder; events split across reads by the parser.
 */
export async function* readSseEvents(body: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<EventSourceMessage[]> {
  const decoder = new Utf8StreamDecoder();
  let batch: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => batch.push(event) });
  for await (const chunk of body) {
    parser.feed(decoder.write(chunk));
    if (batch.length > 0) {
      const ready = batch;
      batch = [];
      yield ready;
    }
  }
  parser.feed(decoder.end());
  if (batch.length > 0) yield batch;
}
