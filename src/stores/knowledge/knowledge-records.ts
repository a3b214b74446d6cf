export const chunkStrategies = ["recursive", "fixed", "sentence"] as const;
export type ChunkStrategy = (typeof chunkStrategies)[number];

/** How a knowledge base cuts documents into chunks; fixed when it is made, so stored with it. */
export interface ChunkOptions {
  /** Target characters per chunk. */
  size: number;
  /** Characters repeated from the end of one chunk at the start of the next. */
  overlap: number;
  strategy: ChunkStrategy;
}

/** Which keys and projects may use a knowledge base; both empty means every caller. */
export interface KnowledgeBaseAccess {
  keys: string[];
  projects: string[];
}

export interface KnowledgeBaseRecord {
  name: string;
  /** The embedding model (virtual model or provider/model); part of every vector's namespace. */
  embedder: string;
  chunk: ChunkOptions;
  description?: string;
  access: KnowledgeBaseAccess;
  createdAt: string;
}

export interface DocumentRecord {
  id: string;
  knowledgeBase: string;
  source?: string;
  url?: string;
  title?: string;
  metadata: Record<string, string>;
  /** sha256 of the text: re-ingesting an unchanged page does nothing. */
  contentHash: string;
  chunkCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewChunk {
  text: string;
  vector: Float32Array;
}

/** A stored chunk's vector, for building an instance's index. */
export interface ChunkVector {
  id: number;
  documentId: string;
  vector: Float32Array;
}

export interface ChunkText {
  id: number;
  documentId: string;
  text: string;
}

/** The store behind knowledge bases: SQLite on one machine, PostgreSQL as the shared source of truth. */
export interface KnowledgeStore {
  createKnowledgeBase(record: KnowledgeBaseRecord): Promise<boolean>;
  listKnowledgeBases(): Promise<KnowledgeBaseRecord[]>;
  getKnowledgeBase(name: string): Promise<KnowledgeBaseRecord | undefined>;
  deleteKnowledgeBase(name: string): Promise<boolean>;
  /** Changes who may use a knowledge base and its description (chunking and embedder are fixed). */
  updateKnowledgeBase(name: string, change: { description?: string; access: KnowledgeBaseAccess }): Promise<boolean>;
  listDocuments(knowledgeBase: string): Promise<DocumentRecord[]>;
  getDocument(knowledgeBase: string, id: string): Promise<DocumentRecord | undefined>;
  /** The document with this URL (or, without one, this source name), for re-ingestion. */
  findDocument(knowledgeBase: string, key: { url?: string; source?: string }): Promise<DocumentRecord | undefined>;
  /** Writes the document and replaces all of its chunks in one transaction; returns the new chunk ids. */
  replaceDocument(document: DocumentRecord, embedder: string, chunks: readonly NewChunk[]): Promise<number[]>;
  deleteDocument(knowledgeBase: string, id: string): Promise<boolean>;
  /** Vectors of one embedding model only: vectors of different models are never compared. */
  chunkVectors(knowledgeBase: string, embedder: string, documentId?: string): Promise<ChunkVector[]>;
  chunkTexts(ids: readonly number[]): Promise<ChunkText[]>;
  /** Chunk ids ranked by keyword relevance (any of the query's words). */
  keywordSearch(knowledgeBase: string, query: string, limit: number): Promise<number[]>;
}

/** Float32 bytes for a BLOB/bytea column, and back (copied, so the result is aligned). */
export function vectorToBytes(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

export function bytesToVector(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/**
 * English words too common to rank by: a question's "what is the" would match nearly every
 * chunk, which costs time on large knowledge bases and adds nothing (PostgreSQL drops them too).
 */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have how i if in into is it its " +
    "me my no not of on or our so than that the their them then there these they this to was we were what when " +
    "where which who whom why will with would you your"
  ).split(" "),
);

/** The words of a query as a safe keyword query: letters and digits only, no stop words, at most 32 words. */
export function keywordTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length > 1 && !STOP_WORDS.has(word)))].slice(0, 32);
}
