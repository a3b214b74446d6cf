import { readSseEvents } from "../../outbound/read-sse.js";
import { streamTruncated } from "../../outbound/stream-truncated.js";
import { toUpstreamError } from "../../outbound/to-upstream-error.js";
import type { StreamChunk } from "../../spec/stream-event.js";
import { AnthropicStreamDecoder } from "./anthropic-stream-decoder.js";

/**
 * Reads a Messages API event stream into canonical chunks, one per upstream event. Each chunk
 * decoded from an upstream event keeps its data text and event name, so Anthropic-dialect
 * clients get the events as they arrived; errors the gateway detects itself (garbage, a cut
 * stream, a broken connection) carry no passthrough.
 */
export async function* readAnthropicMessageStream(
  body: AsyncIterable<Buffer>,
  provider: string,
  signal: AbortSignal,
  requestId?: string,
): AsyncGenerator<StreamChunk> {
  const decoder = new AnthropicStreamDecoder(provider, requestId);
  try {
    for await (const messages of readSseEvents(body, () => decoder.stopped)) {
      for (const message of messages) {
        yield decoder.decode(message);
        if (decoder.failed || decoder.stopped) return;
      }
    }
  } catch (error) {
    yield { events: [{ type: "error", error: toUpstreamError(error, provider, signal) }] };
    return;
  }
  if (!decoder.stopped && !decoder.finished) {
    yield { events: [{ type: "error", error: streamTruncated(provider, requestId) }] };
  }
}
