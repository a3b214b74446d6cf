import type { PurgeSelector } from "./cache-store.js";

/** One semantic-cache entry: the embedded question's vector and the answer it got. */
export interface SemanticEntry {
  id: bigint;
  /** The cache namespace (key, project or shared), for purges. */
  cacheNamespace: string;
  /** Where the vector is searched: embedder, cache namespace and exact scope hash. */
  indexNamespace: string;
  vector: Float32Array;
  value: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** An entry as kept once indexed: the vector lives only in the index. */
export type IndexedSemanticEntry = Omit<SemanticEntry, "vector">;

export interface SemanticMatch {
  entry: IndexedSemanticEntry;
  similarity: number;
}

/** Semantic entries with a local vector index; purge selectors name a namespace or an entry id. */
export interface SemanticStore {
  nearest(indexNamespace: string, vector: Float32Array): SemanticMatch | undefined;
  add(entry: SemanticEntry): Promise<void>;
  purge(selector: PurgeSelector): Promise<number>;
  close(): Promise<void>;
}
