import { randomUUID } from "node:crypto";

/**
 * A `msg_…` id for the client: an upstream id that already is one stays as it is; any other is
 * prefixed (so the upstream's id can still be traced), and a missing one is made up.
 */
export function anthropicMessageId(upstreamId: string | undefined): string {
  if (!upstreamId) return `msg_${randomUUID().replaceAll("-", "")}`;
  if (upstreamId.startsWith("msg_")) return upstreamId;
  return `msg_${upstreamId}`;
}
