import type { StreamChunk } from "../../contract/stream-event.js";
import type { AbortSource } from "../../outbound/abort-scope.js";
import { ChunkStream } from "../../outbound/chunk-stream.js";
import { SseFraming } from "../../outbound/sse-framing.js";
import { AnthropicStreamDecoder } from "./anthropic-stream-decoder.js";

/**
 * Reads a Messages API event stream into canonical chunks, one per upstream event. Each chunk
 * decoded from an upstream event keeps its data text and event name, so Anthropic-dialect
 * clients get the events as they arrived; errors the gateway detects itself (garbage, a cut
 * stream, a broken connection) carry no passthrough.
 */
export function readAnthropicMessageStream(
  body: AsyncIterable<Buffer>,
  provider: string,
  signal: AbortSource,
  requestId?: string,
): AsyncIterableIterator<StreamChunk> {
  return new ChunkStream(body, SseFraming, new AnthropicStreamDecoder(provider, requestId), provider, signal);
}
