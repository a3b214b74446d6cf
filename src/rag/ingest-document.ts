import { createHash, randomUUID } from "node:crypto";
import type { DocumentRecord, KnowledgeBaseRecord, KnowledgeStore } from "../stores/knowledge/knowledge-records.js";
import { normalizeVector } from "../stores/vector-index/vector-index.js";
import { chunkText } from "./chunker/chunk-text.js";
import type { EmbedTexts } from "./retrieval/retrieve-chunks.js";

export interface DocumentInput {
  text: string;
  /** A name for the document (a file name); documents are found again by URL, else by source. */
  source?: string;
  url?: string;
  title?: string;
  metadata?: Record<string, string>;
  /** Replace this document (an update) instead of finding one by URL or source. */
  id?: string;
}

export interface IngestResult {
  document: DocumentRecord;
  status: "created" | "updated" | "unchanged";
  chunkIds: number[];
  vectors: Float32Array[];
}

/**
 * Chunks, embeds and stores one document. A document with the same URL (or source) is replaced;
 * when its text and metadata are unchanged nothing is embedded again.
 */
export async function ingestDocument(
  store: KnowledgeStore,
  base: KnowledgeBaseRecord,
  input: DocumentInput,
  embed: EmbedTexts,
  batchSize: number,
): Promise<IngestResult> {
  const metadata = input.metadata ?? {};
  const existing = input.id
    ? await store.getDocument(base.name, input.id)
    : await store.findDocument(base.name, { url: input.url, source: input.source });
  const contentHash = createHash("sha256")
    .update(JSON.stringify([input.text, input.title ?? null, metadata, input.source ?? null]))
    .digest("hex");
  if (existing && existing.contentHash === contentHash) {
    return { document: existing, status: "unchanged", chunkIds: [], vectors: [] };
  }
  const texts = chunkText(input.text, base.chunk);
  const vectors: Float32Array[] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    const batch = texts.slice(start, start + batchSize);
    const embedded = await embed(base.embedder, batch);
    if (embedded.length !== batch.length) {
      throw new Error(
        `the embedding model ${base.embedder} returned ${embedded.length} vectors for ${batch.length} texts`,
      );
    }
    for (const vector of embedded) vectors.push(normalizeVector(vector));
  }
  const now = new Date().toISOString();
  const document: DocumentRecord = {
    id: existing?.id ?? input.id ?? randomUUID(),
    knowledgeBase: base.name,
    source: input.source ?? existing?.source,
    url: input.url ?? existing?.url,
    title: input.title,
    metadata,
    contentHash,
    chunkCount: texts.length,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const chunkIds = await store.replaceDocument(
    document,
    base.embedder,
    texts.map((text, index) => ({ text, vector: vectors[index] as Float32Array })),
  );
  return { document, status: existing ? "updated" : "created", chunkIds, vectors };
}
