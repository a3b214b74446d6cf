/** Splits "https://api.openai.com/v1/" into the origin a connection pool needs and the path prefix. */
export function splitBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  const url = new URL(baseUrl);
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, "") };
}

/** Appends configured query parameters to a path that may already carry some. */
export function withQuery(path: string, query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (entries.length === 0) return path;
  const search = new URLSearchParams(entries).toString();
  return `${path}${path.includes("?") ? "&" : "?"}${search}`;
}
