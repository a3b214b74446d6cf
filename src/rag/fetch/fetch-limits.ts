import type { AddressPolicy } from "./address-policy.js";

/** Bounds of one fetch; the crawler and the URL loader share them. */
export interface FetchLimits {
  policy: AddressPolicy;
  /** Bytes of one body; a larger page is refused, never truncated silently. */
  maxBytes: number;
  /** ms for the whole fetch, redirects included. */
  timeoutMs: number;
  maxRedirects: number;
  userAgent: string;
}

/** Content types the loaders can turn into text. */
export const TEXT_LIKE_TYPES = [
  "text/html",
  "application/xhtml+xml",
  "text/plain",
  "text/markdown",
  "text/x-markdown",
  "application/pdf",
];

export function isTextLike(contentType: string): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return TEXT_LIKE_TYPES.includes(type);
}
