import { z } from "zod";

/** The knobs of one retrieval; the plugin's options and the search endpoint share them. */
export const retrievalOptionsSchema = z
  .object({
    topK: z.number().int().positive().max(50).default(4),
    /** Minimum cosine similarity of a chunk to the query (0 keeps all). */
    threshold: z.number().min(-1).max(1).default(0),
    /** Candidates gathered from each search before threshold, fusion and MMR. */
    candidates: z.number().int().positive().max(500).default(20),
    /** Keyword search fused with vector search (reciprocal-rank fusion). */
    hybrid: z.boolean().default(false),
    /** Maximal marginal relevance: 1 is pure relevance, lower values favour diverse chunks. */
    mmr: z.union([z.boolean(), z.object({ lambda: z.number().min(0).max(1).default(0.5) }).strict()]).default(false),
    /** Only chunks of documents whose metadata has all of these values. */
    filter: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type RetrievalOptions = z.infer<typeof retrievalOptionsSchema>;
