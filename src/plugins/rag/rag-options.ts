import { z } from "zod";
import { retrievalOptionsSchema } from "../../rag/retrieval/retrieval-options.js";

export const DEFAULT_TEMPLATE =
  "Answer using the context below when it is relevant. Cite the sources you use by their number, like [1].\n\n" +
  "Context:\n{{context}}";
export const DEFAULT_CHUNK_TEMPLATE = "[{{index}}] {{source}}\n{{text}}";

/** The rag plugin's `with:` options. */
export const ragOptionsSchema = retrievalOptionsSchema
  .extend({
    /** Knowledge bases searched for every request this plugin sees. */
    knowledgeBases: z.array(z.string().min(1)).default([]),
    /** Clients may name knowledge bases with `x-switchyard-rag: kb1,kb2` (or turn RAG off with `none`). */
    allowRequestHeader: z.boolean().default(true),
    /** Clients may narrow by document metadata with `x-switchyard-rag-filter: lang=en,team=web`. */
    allowRequestFilter: z.boolean().default(true),
    /** The gateway key's metadata field that lists knowledge bases for its requests ("kb1,kb2"). */
    keyMetadataField: z.string().min(1).default("rag"),
    /** Where the context goes: a system message, or text before the last user message's own. */
    position: z.enum(["system", "before-last-user"]).default("system"),
    /** `{{context}}` is replaced by the chunks, each rendered with chunkTemplate. */
    template: z.string().includes("{{context}}").default(DEFAULT_TEMPLATE),
    /** Placeholders: {{index}}, {{source}} (title, file name or URL), {{url}}, {{score}}, {{text}}, {{knowledgeBase}}. */
    chunkTemplate: z.string().includes("{{text}}").default(DEFAULT_CHUNK_TEMPLATE),
    /** The context is cut to this many characters (whole chunks, best first). */
    maxContextCharacters: z.number().int().positive().default(12_000),
    /** How the client learns the sources: the x-switchyard-rag-sources header, a response field, both or neither. */
    sources: z.enum(["header", "field", "both", "none"]).default("header"),
    /** Rewrite the question into a standalone search query with this model first. */
    rewrite: z
      .object({
        model: z.string().min(1),
        instructions: z.string().min(1).optional(),
        timeoutMs: z.number().int().positive().default(10_000),
      })
      .strict()
      .optional(),
    /** When retrieval fails (the embedding provider is down): answer without context, or fail the request. */
    onError: z.enum(["continue", "fail"]).default("continue"),
  })
  .strict();

export type RagOptions = z.infer<typeof ragOptionsSchema>;
