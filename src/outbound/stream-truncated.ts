import { GatewayError } from "../contract/errors.js";
import type { StreamChunk } from "../contract/stream-event.js";

/** The error a stream gets when its upstream stopped before the stream's terminal event. */
export function streamTruncated(provider: string, requestId?: string): GatewayError {
  return new GatewayError("upstream_stream_error", `Provider "${provider}" ended the stream before it was complete.`, {
    upstream: requestId === undefined ? { provider } : { provider, requestId },
  });
}

/** What a stream decoder's `cut()` gives for a body that ended early: that error, alone. */
export function truncatedChunk(provider: string, requestId?: string): StreamChunk {
  return { events: [{ type: "error", error: streamTruncated(provider, requestId) }] };
}
