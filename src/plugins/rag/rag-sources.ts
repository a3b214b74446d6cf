import type { ScoredChunk } from "../../rag/retrieval/scored-chunk.js";

/** One source as the client and the log see it. */
export interface RagSource {
  index: number;
  knowledgeBase: string;
  documentId: string;
  chunkId: number;
  source?: string;
  url?: string;
  title?: string;
  score: number;
}

export function toSources(chunks: readonly ScoredChunk[]): RagSource[] {
  return chunks.map((chunk, index) => ({
    index: index + 1,
    knowledgeBase: chunk.knowledgeBase,
    documentId: chunk.documentId,
    chunkId: chunk.chunkId,
    source: chunk.source,
    url: chunk.url,
    title: chunk.title,
    score: chunk.score,
  }));
}

/** JSON for a header: non-ASCII characters escaped as \uXXXX, so the value is valid JSON and valid HTTP. */
export function sourcesHeader(sources: readonly RagSource[]): string {
  const compact = sources.map(({ index, knowledgeBase, documentId, source, url, score }) => ({
    index,
    knowledgeBase,
    documentId,
    source,
    url,
    score,
  }));
  return JSON.stringify(compact).replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
