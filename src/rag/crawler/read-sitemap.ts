import { XMLParser } from "fast-xml-parser";
import type { FetchLimits } from "../fetch/fetch-limits.js";
import { safeFetch } from "../fetch/safe-fetch.js";

/** Page URLs of a sitemap; a sitemap index is followed one level. Unreadable sitemaps give none. */
export async function readSitemap(
  sitemapUrl: string,
  limits: FetchLimits,
  maxUrls: number,
  signal?: AbortSignal,
  nested = false,
): Promise<string[]> {
  let xml: string;
  try {
    const page = await safeFetch(sitemapUrl, limits, { anyContentType: true, signal });
    if (page.status < 200 || page.status >= 300) return [];
    xml = page.body.toString("utf8");
  } catch {
    return [];
  }
  const parsed = new XMLParser({
    ignoreAttributes: true,
    isArray: (name) => name === "url" || name === "sitemap",
  }).parse(xml) as {
    urlset?: { url?: Array<{ loc?: unknown }> };
    sitemapindex?: { sitemap?: Array<{ loc?: unknown }> };
  };
  const pages = (parsed.urlset?.url ?? [])
    .map((entry) => entry.loc)
    .filter((loc): loc is string => typeof loc === "string");
  if (pages.length > 0 || nested) return pages.slice(0, maxUrls);
  const urls: string[] = [];
  for (const entry of parsed.sitemapindex?.sitemap ?? []) {
    if (typeof entry.loc !== "string" || urls.length >= maxUrls) continue;
    urls.push(...(await readSitemap(entry.loc, limits, maxUrls - urls.length, signal, true)));
  }
  return urls;
}
