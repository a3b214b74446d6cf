import { z } from "zod";

/** What a crawl may visit. Patterns are globs on the URL path (picomatch), e.g. "/docs/**". */
export const crawlOptionsSchema = z
  .object({
    url: z.url(),
    /** Links followed from the start page: 0 fetches only the start page. */
    depth: z.number().int().min(0).max(10).default(2),
    maxPages: z.number().int().positive().max(10_000).default(50),
    /** Hosts besides the start URL's host that links may lead to. */
    allowedHosts: z.array(z.string().min(1)).default([]),
    include: z.array(z.string().min(1)).default([]),
    exclude: z.array(z.string().min(1)).default([]),
    respectRobots: z.boolean().default(true),
    useSitemap: z.boolean().default(true),
    /** ms between two requests to the same host; robots.txt's Crawl-delay raises it. */
    delayMs: z.number().int().min(0).max(60_000).optional(),
    /** ms the whole crawl may take; pages after that are left out. */
    maxDurationMs: z.number().int().positive().optional(),
    /** Metadata given to every crawled document (for filters such as lang=en). */
    metadata: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type CrawlOptions = z.infer<typeof crawlOptionsSchema>;

/** A crawl's counts, as the admin API and the CLI show them. */
export interface CrawlProgress {
  /** URLs queued so far (the start page, links and sitemap entries within bounds). */
  discovered: number;
  fetched: number;
  /** Pages handed on for ingestion. */
  ingested: number;
  /** Refused by robots.txt, patterns, content type, size or the address policy. */
  skipped: number;
  failed: number;
}

export interface CrawledPage {
  url: string;
  title?: string;
  text: string;
  contentType: string;
  depth: number;
}
