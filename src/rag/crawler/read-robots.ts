import robotsParserModule from "robots-parser";
import { FetchError } from "../fetch/fetch-error.js";
import type { FetchLimits } from "../fetch/fetch-limits.js";
import { safeFetch } from "../fetch/safe-fetch.js";

type ParseRobots = (
  url: string,
  body: string,
) => {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getCrawlDelay(userAgent?: string): number | undefined;
  getSitemaps(): string[];
};
// robots-parser is CommonJS with an ES-style type declaration: the default import is the function itself at run time.
const robotsParser = ((robotsParserModule as unknown as { default?: ParseRobots }).default ??
  robotsParserModule) as unknown as ParseRobots;

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** ms asked for by Crawl-delay, if any. */
  delayMs?: number;
  sitemaps: string[];
}

/** A missing or unreadable robots.txt allows everything, as the robots exclusion protocol says. */
export async function readRobots(origin: string, limits: FetchLimits, signal?: AbortSignal): Promise<RobotsRules> {
  const robotsUrl = new URL("/robots.txt", origin).href;
  let body = "";
  try {
    const page = await safeFetch(robotsUrl, limits, { anyContentType: true, signal });
    if (page.status >= 200 && page.status < 300) body = page.body.toString("utf8");
  } catch (error) {
    // A refused address must stop the crawl, not read as "no robots.txt".
    if (error instanceof FetchError && error.kind === "refused" && /address|resolve/.test(error.message)) throw error;
  }
  const robots = robotsParser(robotsUrl, body);
  const delaySeconds = robots.getCrawlDelay(limits.userAgent);
  return {
    isAllowed: (url) => robots.isAllowed(url, limits.userAgent) !== false,
    delayMs: delaySeconds === undefined ? undefined : delaySeconds * 1000,
    sitemaps: robots.getSitemaps(),
  };
}
