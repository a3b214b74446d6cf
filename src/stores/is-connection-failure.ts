/**
 * Whether a store error means the database is away (refused, reset or timed-out connections,
 * a server shutting down or starting) rather than refusing this statement. Anything else (a
 * bug, a bad row) is not an outage, so a queue never holds such a batch forever. PostgreSQL's own
 * errors carry a five-character SQLSTATE; of those, class 08 (connection exception) and 57P
 * (operator intervention: shutdown, cannot connect now) are outages.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith("08") || code.startsWith("57P");
  if (typeof code === "string" && SOCKET_FAILURES.has(code)) return true;
  // pg's own words for a connection that ended mid-query or never came within its timeout.
  return error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/.test(error.message);
}

/** Node's codes for a socket that could not reach, or lost, the database. */
const SOCKET_FAILURES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
