import type { CrawlProgress } from "./crawler/crawl-options.js";

/** A crawl or URL ingestion running off the request path; polled through the admin API. */
export interface IngestionJob {
  id: string;
  kind: "crawl" | "url";
  knowledgeBase: string;
  url: string;
  status: "running" | "completed" | "failed" | "cancelled";
  progress: CrawlProgress & { chunks: number; unchanged: number };
  /** The most recent pages that were skipped or failed, with the reason. */
  problems: Array<{ url: string; reason: string }>;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}
