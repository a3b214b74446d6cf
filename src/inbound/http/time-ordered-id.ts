import { randomUUID } from "node:crypto";

/**
 * A UUIDv7 (RFC 9562): the first 48 bits are the Unix time in ms, the rest random, so ids sort
 * by time and the request log's index on them grows at its end instead of at random pages.
 * Built from node:crypto's randomUUID, whose random bytes come from a pool: under a tenth of
 * the cost of the `uuid` package's v7, which asks WebCrypto for 16 bytes every time (see
 * docs/performance.md, Ids).
 * randomUUID's version-4 digit becomes 7; its variant bits are those v7 needs too.
 */
export function timeOrderedId(now = Date.now()): string {
  const time = now.toString(16).padStart(12, "0");
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}
