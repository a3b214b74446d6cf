import type { ChunkVector, DocumentRecord, KnowledgeBaseRecord } from "../stores/knowledge/knowledge-records.js";
import { GrowingVectorIndex } from "../stores/vector-index/growing-vector-index.js";
import { THOROUGH_GRAPH } from "../stores/vector-index/usearch-vector-index.js";

/**
 * A knowledge base as this instance holds it in memory: its vector index (namespaced by the
 * embedding model: vectors of another model never join it) and its documents' metadata, so
 * retrieval filters without a database round trip.
 */
export class LoadedKnowledgeBase {
  private index: GrowingVectorIndex | undefined;
  readonly documents = new Map<string, DocumentRecord>();
  readonly chunkDocument = new Map<number, string>();
  readonly documentChunks = new Map<string, number[]>();

  constructor(
    public record: KnowledgeBaseRecord,
    private readonly flatLimit: number,
  ) {}

  /** Replaces a document's chunks in the index (no chunks: the document is gone). */
  setDocument(document: DocumentRecord | undefined, documentId: string, chunks: readonly ChunkVector[]): void {
    for (const id of this.documentChunks.get(documentId) ?? []) {
      this.index?.remove(BigInt(id));
      this.chunkDocument.delete(id);
    }
    this.documentChunks.delete(documentId);
    this.documents.delete(documentId);
    if (!document) return;
    this.documents.set(documentId, document);
    for (const chunk of chunks) {
      // Vectors kept beside the graph: retrieval scores and diversifies chunks by them.
      this.index ??= new GrowingVectorIndex(chunk.vector.length, {
        flatLimit: this.flatLimit,
        graph: THOROUGH_GRAPH,
        keepVectors: true,
      });
      this.index.add(BigInt(chunk.id), chunk.vector);
      this.chunkDocument.set(chunk.id, documentId);
    }
    this.documentChunks.set(
      documentId,
      chunks.map((chunk) => chunk.id),
    );
  }

  /** True when a query vector of this length can be compared with the base's (same embedder). */
  comparable(query: Float32Array): boolean {
    return this.index?.dimensions === query.length;
  }

  /** The ids of the `count` chunks nearest the query, among those `accept` lets through. */
  nearestChunks(query: Float32Array, count: number, accept?: (chunkId: number) => boolean): number[] {
    const matches = this.index?.search(query, count, accept && ((id) => accept(Number(id)))) ?? [];
    return matches.map((match) => Number(match.id));
  }

  chunkVector(chunkId: number): Float32Array | undefined {
    return this.index?.vector(BigInt(chunkId));
  }

  get chunkCount(): number {
    return this.chunkDocument.size;
  }

  /** True when the chunk's document has every key=value of the filter. */
  matches(chunkId: number, filter: Readonly<Record<string, string>>): boolean {
    const documentId = this.chunkDocument.get(chunkId);
    const document = documentId ? this.documents.get(documentId) : undefined;
    if (!document) return false;
    for (const [key, value] of Object.entries(filter)) if (document.metadata[key] !== value) return false;
    return true;
  }
}
