import type { RetryConfig } from "../config/schema.js";
import type { GatewayError } from "../contract/errors.js";

/**
 * How long to wait before retry number `retry` (0-based): the upstream's retry-after when it
 * gave one, else exponential backoff with full jitter. Undefined when the upstream asks for
 * longer than the cap — better to move on to the next target than to wait.
 */
export function retryDelay(
  error: GatewayError,
  retry: number,
  policy: RetryConfig,
  random: () => number,
): number | undefined {
  const retryAfterSeconds = error.upstream?.retryAfterSeconds;
  if (retryAfterSeconds !== undefined) {
    const waitMs = retryAfterSeconds * 1000;
    return waitMs > policy.retryAfterCapMs ? undefined : waitMs;
  }
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** retry);
  return Math.round(random() * ceiling);
}
