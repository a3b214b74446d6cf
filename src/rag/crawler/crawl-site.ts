import { setTimeout as sleep } from "node:timers/promises";
import picomatch from "picomatch";
import { FetchError } from "../fetch/fetch-error.js";
import type { FetchLimits } from "../fetch/fetch-limits.js";
import { safeFetch } from "../fetch/safe-fetch.js";
import { detectFormat, loadDocument } from "../loaders/load-document.js";
import type { CrawledPage, CrawlOptions, CrawlProgress } from "./crawl-options.js";
import { type RobotsRules, readRobots } from "./read-robots.js";
import { readSitemap } from "./read-sitemap.js";

export interface CrawlHandlers {
  /** Called for each page in crawl order; the crawl waits for it (back-pressure on ingestion). */
  onPage(page: CrawledPage): Promise<void>;
  onProgress?(progress: CrawlProgress): void;
  /** Why a URL was left out, for the job's log. */
  onSkip?(url: string, reason: string): void;
}

export interface CrawlDefaults {
  delayMs: number;
  maxDurationMs: number;
}

/**
 * Breadth-first crawl from a start URL within its bounds (depth, pages, hosts, patterns, time),
 * honouring robots.txt, seeded from the sitemap, one request at a time with a politeness delay.
 */
export async function crawlSite(
  options: CrawlOptions,
  limits: FetchLimits,
  defaults: CrawlDefaults,
  handlers: CrawlHandlers,
  signal?: AbortSignal,
): Promise<CrawlProgress> {
  const start = new URL(options.url);
  start.hash = "";
  const hosts = new Set([start.host, ...options.allowedHosts]);
  const included = options.include.length > 0 ? picomatch(options.include) : () => true;
  const excluded = options.exclude.length > 0 ? picomatch(options.exclude) : () => false;
  const deadline = Date.now() + (options.maxDurationMs ?? defaults.maxDurationMs);
  const progress: CrawlProgress = { discovered: 0, fetched: 0, ingested: 0, skipped: 0, failed: 0 };
  const robotsByOrigin = new Map<string, RobotsRules>();
  const lastRequestAt = new Map<string, number>();
  const seen = new Set<string>();
  const queue: Array<{ url: string; depth: number }> = [];
  const report = () => handlers.onProgress?.({ ...progress });
  const skip = (url: string, reason: string) => {
    progress.skipped++;
    handlers.onSkip?.(url, reason);
  };

  const robotsFor = async (url: URL): Promise<RobotsRules | undefined> => {
    if (!options.respectRobots) return undefined;
    let rules = robotsByOrigin.get(url.origin);
    if (!rules) {
      rules = await readRobots(url.origin, limits, signal);
      robotsByOrigin.set(url.origin, rules);
    }
    return rules;
  };
  // Queues a URL when it is within bounds; refused ones are counted once.
  const enqueue = (href: string, depth: number) => {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return;
    }
    url.hash = "";
    if (seen.has(url.href) || depth > options.depth) return;
    if (!hosts.has(url.host) || (url.protocol !== "http:" && url.protocol !== "https:")) return;
    seen.add(url.href);
    if (!included(url.pathname) || excluded(url.pathname))
      return skip(url.href, "excluded by include/exclude patterns");
    if (seen.size > options.maxPages * 20) return;
    progress.discovered++;
    queue.push({ url: url.href, depth });
  };

  const startRobots = await robotsFor(start);
  enqueue(start.href, 0);
  if (options.useSitemap && options.depth > 0) {
    const sitemaps = startRobots?.sitemaps.length ? startRobots.sitemaps : [new URL("/sitemap.xml", start).href];
    for (const sitemap of sitemaps) {
      for (const url of await readSitemap(sitemap, limits, options.maxPages * 4, signal)) enqueue(url, 1);
    }
  }
  report();

  while (queue.length > 0 && progress.ingested < options.maxPages) {
    if (signal?.aborted) throw new FetchError("The crawl was cancelled", "failed");
    if (Date.now() > deadline) {
      for (const left of queue) skip(left.url, "the crawl's time limit was reached");
      break;
    }
    const next = queue.shift() as { url: string; depth: number };
    const url = new URL(next.url);
    const rules = await robotsFor(url);
    if (rules && !rules.isAllowed(url.href)) {
      skip(url.href, "disallowed by robots.txt");
      report();
      continue;
    }
    const delay = Math.max(options.delayMs ?? defaults.delayMs, rules?.delayMs ?? 0);
    const waited = Date.now() - (lastRequestAt.get(url.host) ?? 0);
    if (waited < delay) await sleep(delay - waited, undefined, { signal });
    lastRequestAt.set(url.host, Date.now());
    try {
      const page = await safeFetch(url.href, limits, { signal });
      progress.fetched++;
      if (page.status < 200 || page.status >= 300) {
        progress.failed++;
        handlers.onSkip?.(url.href, `status ${page.status}`);
        continue;
      }
      // A redirect may leave the allowed hosts; its target is judged like a link.
      const finalUrl = new URL(page.url);
      if (!hosts.has(finalUrl.host)) {
        skip(url.href, `redirected to ${finalUrl.host}, which is not an allowed host`);
        continue;
      }
      seen.add(page.url);
      const loaded = await loadDocument(page.body, detectFormat(page.contentType, page.url), page.url);
      if (next.depth < options.depth) for (const link of loaded.links) enqueue(link, next.depth + 1);
      if (loaded.text) {
        await handlers.onPage({
          url: page.url,
          title: loaded.title,
          text: loaded.text,
          contentType: page.contentType,
          depth: next.depth,
        });
        progress.ingested++;
      } else {
        skip(url.href, "no text");
      }
    } catch (error) {
      if (error instanceof FetchError && error.kind === "refused") skip(url.href, error.message);
      else {
        progress.failed++;
        handlers.onSkip?.(url.href, (error as Error).message);
      }
    } finally {
      report();
    }
  }
  return { ...progress };
}
