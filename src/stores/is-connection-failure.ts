/**
 * Whether a store error means the database is away (refused, reset or timed-out connections,
 * a server shutting down or starting) rather than refusing this statement. PostgreSQL's own
 * errors carry a five-character SQLSTATE; of those, class 08 (connection exception) and 57P
 * (operator intervention: shutdown, cannot connect now) are outages.
 */
export function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code.startsWith("08") || code.startsWith("57P");
  return error instanceof Error;
}
