import { z } from "zod";
import { crawlOptionsSchema } from "../rag/crawler/crawl-options.js";
import { retrievalOptionsSchema } from "../rag/retrieval/retrieval-options.js";
import { chunkStrategies } from "../stores/knowledge/knowledge-records.js";

export const knowledgeBaseNameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,63}$/, "letters, digits, '.', '-' and '_', at most 64");

export const createKnowledgeBaseSchema = z
  .object({
    name: knowledgeBaseNameSchema,
    /** The embedding model: a virtual model or provider/model. */
    embedder: z.string().min(1),
    chunk: z
      .object({
        size: z.number().int().min(50).max(20_000).default(800),
        overlap: z.number().int().min(0).max(5_000).default(100),
        strategy: z.enum(chunkStrategies).default("recursive"),
      })
      .strict()
      .refine((chunk) => chunk.overlap < chunk.size, "overlap must be smaller than size")
      .prefault({}),
    description: z.string().max(1_000).optional(),
    access: z
      .object({ keys: z.array(z.string().min(1)).default([]), projects: z.array(z.string().min(1)).default([]) })
      .strict()
      .prefault({}),
  })
  .strict();

export const updateKnowledgeBaseSchema = z
  .object({
    description: z.string().max(1_000).optional(),
    access: z
      .object({ keys: z.array(z.string().min(1)).default([]), projects: z.array(z.string().min(1)).default([]) })
      .strict()
      .optional(),
  })
  .strict();

const metadataSchema = z.record(z.string(), z.string()).default({});

/** One document: raw text, an uploaded file (base64) or a URL to fetch. */
export const addDocumentSchema = z
  .object({
    text: z.string().min(1).optional(),
    file: z
      .object({
        name: z.string().min(1),
        /** The file's bytes, base64-encoded. */
        data: z.base64(),
        contentType: z.string().optional(),
      })
      .strict()
      .optional(),
    url: z.url().optional(),
    source: z.string().min(1).max(1_000).optional(),
    title: z.string().max(1_000).optional(),
    metadata: metadataSchema,
  })
  .strict()
  .refine(
    (body) => [body.text, body.file, body.url].filter((value) => value !== undefined).length === 1,
    "send exactly one of text, file or url",
  );

export const updateDocumentSchema = z
  .object({
    text: z.string().min(1),
    source: z.string().min(1).max(1_000).optional(),
    title: z.string().max(1_000).optional(),
    metadata: metadataSchema,
  })
  .strict();

export const crawlRequestSchema = crawlOptionsSchema;

export const searchRequestSchema = retrievalOptionsSchema.extend({ query: z.string().min(1).max(10_000) }).strict();
