/** A chunk found by a search, with what the plugin and the search endpoint show of it. */
export interface ScoredChunk {
  chunkId: number;
  documentId: string;
  knowledgeBase: string;
  text: string;
  /** The document's source name (a file name) and URL, when it has them. */
  source?: string;
  url?: string;
  title?: string;
  metadata: Record<string, string>;
  /** Cosine similarity to the query (vector search), in [-1, 1]. */
  score: number;
  /** The fused score, with hybrid search. */
  fusedScore?: number;
}
