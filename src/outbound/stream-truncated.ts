import { GatewayError } from "../spec/errors.js";

/** The error a stream gets when its upstream stopped before the stream's terminal event. */
export function streamTruncated(provider: string, requestId?: string): GatewayError {
  return new GatewayError("upstream_stream_error", `Provider "${provider}" ended the stream before it was complete.`, {
    upstream: requestId === undefined ? { provider } : { provider, requestId },
  });
}
