import { GatewayError } from "../contract/errors.js";
import { type LogFilter, METADATA_KEY_PATTERN } from "../stores/logs/log-query.js";

/** A time as Unix ms from an ISO date or a number of ms; a bad value is a 400 naming the field. */
export function parseTime(name: string, value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(time)) throw badParameter(name, "an ISO 8601 time or Unix milliseconds");
  return time;
}

export function badParameter(name: string, expected: string): GatewayError {
  return new GatewayError("invalid_request", `The query parameter ${name} must be ${expected}.`, { param: name });
}

/**
 * The filters shared by /admin/logs and /admin/usage: from, to, key, project, model,
 * provider, status, cache, q (full text in captured messages), and metadata.<field>=<value>.
 */
export function logFilterFromQuery(query: URLSearchParams): LogFilter {
  const text = (name: string) => query.get(name) || undefined;
  const status = text("status");
  if (status !== undefined && !/^\d{3}$/.test(status)) throw badParameter("status", "an HTTP status such as 200");
  const metadata: Record<string, string> = {};
  for (const [name, value] of query) {
    if (!name.startsWith("metadata.")) continue;
    const key = name.slice("metadata.".length);
    if (!METADATA_KEY_PATTERN.test(key))
      throw badParameter(name, "metadata.<field> with 1 to 64 letters, digits, _ . : -");
    metadata[key] = value;
  }
  return {
    from: parseTime("from", query.get("from")),
    to: parseTime("to", query.get("to")),
    keyId: text("key"),
    projectId: text("project"),
    model: text("model"),
    provider: text("provider"),
    status: status === undefined ? undefined : Number(status),
    cacheStatus: text("cache"),
    metadata,
    text: text("q"),
  };
}

export function queryOf(url: string | undefined): URLSearchParams {
  const start = (url ?? "").indexOf("?");
  return new URLSearchParams(start === -1 ? "" : (url ?? "").slice(start + 1));
}
