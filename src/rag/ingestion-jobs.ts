import { randomUUID } from "node:crypto";
import { GatewayError } from "../contract/errors.js";
import type { CrawlOptions } from "./crawler/crawl-options.js";
import type { CrawlDefaults } from "./crawler/crawl-site.js";
import { FetchError } from "./fetch/fetch-error.js";
import type { FetchLimits } from "./fetch/fetch-limits.js";
import type { IngestionJob } from "./ingestion-job.js";
import type { KnowledgeService } from "./knowledge-service.js";

const KEPT_JOBS = 100;
const KEPT_PROBLEMS = 50;

/**
 * Crawls and URL ingestions of this instance, run in the background: the admin request returns
 * a job id at once and the job's counts are polled. Finished jobs are kept for a while. The
 * crawler, fetcher and document loaders (robots, sitemap XML and HTML parsers) are imported when
 * a job starts, not with every gateway.
 */
export class IngestionJobs {
  private readonly jobs = new Map<string, IngestionJob>();
  private readonly aborts = new Map<string, AbortController>();

  constructor(private readonly knowledge: KnowledgeService) {}

  get(id: string): IngestionJob {
    const job = this.jobs.get(id);
    if (!job) throw new GatewayError("job_not_found", `There is no ingestion job "${id}" on this instance.`);
    return job;
  }

  list(knowledgeBase?: string): IngestionJob[] {
    return [...this.jobs.values()].filter((job) => !knowledgeBase || job.knowledgeBase === knowledgeBase);
  }

  cancel(id: string): IngestionJob {
    const job = this.get(id);
    this.aborts.get(id)?.abort();
    return job;
  }

  /** Crawls a site into a knowledge base. */
  startCrawl(
    knowledgeBase: string,
    options: CrawlOptions,
    limits: FetchLimits,
    defaults: CrawlDefaults & { maxConcurrentJobs: number },
  ): IngestionJob {
    return this.start("crawl", knowledgeBase, options.url, defaults.maxConcurrentJobs, async (job, signal) => {
      const { crawlSite } = await import("./crawler/crawl-site.js");
      await crawlSite(
        options,
        limits,
        defaults,
        {
          onPage: async (page) => {
            const result = await this.knowledge.addDocument(knowledgeBase, {
              text: page.text,
              url: page.url,
              title: page.title,
              metadata: options.metadata,
            });
            if (result.status === "unchanged") job.progress.unchanged++;
            job.progress.chunks += result.chunkIds.length;
          },
          onProgress: (progress) => Object.assign(job.progress, progress),
          onSkip: (url, reason) => this.problem(job, url, reason),
        },
        signal,
      );
    });
  }

  /** Fetches one URL (a page or a file) into a knowledge base. */
  startUrl(
    knowledgeBase: string,
    input: { url: string; metadata: Record<string, string>; source?: string },
    limits: FetchLimits,
    maxConcurrentJobs: number,
  ): IngestionJob {
    return this.start("url", knowledgeBase, input.url, maxConcurrentJobs, async (job, signal) => {
      job.progress.discovered = 1;
      const [{ safeFetch }, { detectFormat, loadDocument }] = await Promise.all([
        import("./fetch/safe-fetch.js"),
        import("./loaders/load-document.js"),
      ]);
      const page = await safeFetch(input.url, limits, { signal });
      job.progress.fetched = 1;
      if (page.status < 200 || page.status >= 300)
        throw new FetchError(`${input.url} answered ${page.status}`, "failed");
      const loaded = await loadDocument(page.body, detectFormat(page.contentType, page.url), page.url);
      if (!loaded.text) throw new FetchError(`${input.url} has no text`, "failed");
      const result = await this.knowledge.addDocument(knowledgeBase, {
        text: loaded.text,
        url: page.url,
        title: loaded.title,
        source: input.source,
        metadata: input.metadata,
      });
      job.progress.ingested = 1;
      job.progress.chunks = result.chunkIds.length;
      if (result.status === "unchanged") job.progress.unchanged = 1;
    });
  }

  private start(
    kind: IngestionJob["kind"],
    knowledgeBase: string,
    url: string,
    maxConcurrentJobs: number,
    work: (job: IngestionJob, signal: AbortSignal) => Promise<void>,
  ): IngestionJob {
    this.knowledge.get(knowledgeBase);
    const running = [...this.jobs.values()].filter((job) => job.status === "running").length;
    if (running >= maxConcurrentJobs) {
      throw new GatewayError(
        "ingestion_busy",
        `${running} ingestion jobs are running on this instance (rag.crawl.maxConcurrentJobs); retry when one ends.`,
        { headers: { "retry-after": "10" } },
      );
    }
    const job: IngestionJob = {
      id: `job_${randomUUID()}`,
      kind,
      knowledgeBase,
      url,
      status: "running",
      progress: { discovered: 0, fetched: 0, ingested: 0, skipped: 0, failed: 0, chunks: 0, unchanged: 0 },
      problems: [],
      startedAt: new Date().toISOString(),
    };
    const abort = new AbortController();
    this.jobs.set(job.id, job);
    this.aborts.set(job.id, abort);
    this.forgetOldJobs();
    // Off the request path: the admin call returns the job at once.
    void work(job, abort.signal)
      .then(() => {
        job.status = "completed";
      })
      .catch((error: Error) => {
        job.status = abort.signal.aborted ? "cancelled" : "failed";
        job.error = error.message;
      })
      .finally(() => {
        job.finishedAt = new Date().toISOString();
        this.aborts.delete(job.id);
      });
    return job;
  }

  /** Stops every running job (shutdown). */
  cancelAll(): void {
    for (const abort of this.aborts.values()) abort.abort();
  }

  private problem(job: IngestionJob, url: string, reason: string): void {
    job.problems.push({ url, reason });
    if (job.problems.length > KEPT_PROBLEMS) job.problems.shift();
  }

  private forgetOldJobs(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (job.status !== "running") this.jobs.delete(id);
    }
  }
}
