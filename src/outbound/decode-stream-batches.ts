import type { StreamChunk, StreamEvent } from "../spec/stream-event.js";
import { streamTruncated } from "./stream-truncated.js";
import { toUpstreamError } from "./to-upstream-error.js";

/** Turns one upstream item (an NDJSON line) into canonical events. SSE streams use SseChunkDecoder. */
export interface StreamItemDecoder<Item> {
  /** True once the stream's terminal item, an in-band error or an unreadable item was seen. */
  readonly ended: boolean;
  decode(item: Item, events: StreamEvent[]): void;
}

/**
 * Yields one chunk per network read of decoded items, stops at the decoder's end, turns a
 * broken connection into an error event, and reports a body that ends before the decoder's
 * end as truncated.
 */
export async function* decodeStreamBatches<Item>(
  batches: AsyncIterable<Item[]>,
  decoder: StreamItemDecoder<Item>,
  provider: string,
  signal: AbortSignal,
): AsyncGenerator<StreamChunk> {
  try {
    for await (const items of batches) {
      const events: StreamEvent[] = [];
      for (const item of items) {
        decoder.decode(item, events);
        if (decoder.ended) break;
      }
      if (events.length > 0) yield { events };
      if (decoder.ended) return;
    }
  } catch (error) {
    yield { events: [{ type: "error", error: toUpstreamError(error, provider, signal) }] };
    return;
  }
  yield { events: [{ type: "error", error: streamTruncated(provider) }] };
}
