import { z } from "zod";

const byteSize = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?$/i, "a size such as 5mb"),
]);

/** Knowledge bases: what the crawler and URL loader may fetch, and the in-memory index. */
export const ragSchema = z
  .object({
    fetch: z
      .object({
        /**
         * Networks that may be fetched although they are loopback, private or link-local
         * (CIDRs or addresses: "127.0.0.0/8", "10.1.0.0/16", "::1"). Empty: public addresses only.
         */
        allowedNetworks: z.array(z.string().min(1)).default([]),
        /** Bytes of one page or file; larger ones are skipped. */
        maxBytes: byteSize.default("5mib"),
        /** ms for one page, redirects included. */
        timeoutMs: z.number().int().positive().default(15_000),
        maxRedirects: z.number().int().min(0).max(20).default(5),
        userAgent: z.string().min(1).default("SwitchyardBot/1.0"),
      })
      .strict()
      .prefault({}),
    crawl: z
      .object({
        /** ms between two requests to one host (robots.txt's Crawl-delay may raise it). */
        delayMs: z.number().int().min(0).default(500),
        /** ms a crawl may take at most. */
        maxDurationMs: z.number().int().positive().default(600_000),
        /** The most pages one crawl may ask for. */
        maxPages: z.number().int().positive().default(1_000),
        /** Crawls running at once in this instance. */
        maxConcurrentJobs: z.number().int().positive().default(2),
      })
      .strict()
      .prefault({}),
    /**
     * Up to this many chunks a knowledge base is searched by an exact flat scan (about 1 ms at
     * 2,000 × 384 dimensions); above it by an HNSW graph (usearch), built while ingesting.
     */
    flatSearchLimit: z.number().int().positive().default(2_000),
    /** Texts per embeddings request while ingesting. */
    embedBatchSize: z.number().int().positive().max(2048).default(64),
  })
  .strict();

export type RagConfig = z.infer<typeof ragSchema>;
