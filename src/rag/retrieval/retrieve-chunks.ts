import type { KnowledgeStore } from "../../stores/knowledge/knowledge-records.js";
import { normalizeVector } from "../../stores/vector-index/vector-index.js";
import type { LoadedKnowledgeBase } from "../loaded-knowledge-base.js";
import { maximalMarginalRelevance } from "./maximal-marginal-relevance.js";
import { reciprocalRankFusion } from "./reciprocal-rank-fusion.js";
import type { RetrievalOptions } from "./retrieval-options.js";
import type { ScoredChunk } from "./scored-chunk.js";
import { dot } from "./vector-math.js";

export type EmbedTexts = (model: string, texts: string[]) => Promise<number[][]>;

interface Candidate {
  base: LoadedKnowledgeBase;
  chunkId: number;
  vector: Float32Array;
  score: number;
  rank: number;
}

/**
 * Finds the chunks most relevant to a query across knowledge bases: vector search in each
 * instance's in-memory index (the query embedded once per embedding model), optionally fused
 * with keyword search, then threshold, then top-k by relevance or MMR; texts read in one query.
 */
export async function retrieveChunks(
  bases: readonly LoadedKnowledgeBase[],
  store: KnowledgeStore,
  embed: EmbedTexts,
  query: string,
  options: RetrievalOptions,
): Promise<ScoredChunk[]> {
  const queryVectors = new Map<string, Float32Array>();
  for (const embedder of new Set(bases.map((base) => base.record.embedder))) {
    const [vector] = await embed(embedder, [query]);
    if (vector) queryVectors.set(embedder, normalizeVector(vector));
  }
  const candidates: Candidate[] = [];
  for (const base of bases) {
    const queryVector = queryVectors.get(base.record.embedder);
    if (!queryVector || !base.comparable(queryVector)) continue;
    const filtered = Object.keys(options.filter).length > 0;
    const accept = filtered ? (id: number) => base.matches(id, options.filter) : undefined;
    const vectorRanking = base.nearestChunks(queryVector, options.candidates, accept);
    let ranking = vectorRanking;
    if (options.hybrid) {
      const keywordRanking = (await store.keywordSearch(base.record.name, query, options.candidates)).filter(
        (id) => base.chunkDocument.has(id) && (!accept || accept(id)),
      );
      ranking = [...reciprocalRankFusion([vectorRanking, keywordRanking]).keys()];
    }
    ranking.forEach((chunkId, rank) => {
      const vector = base.chunkVector(chunkId);
      if (vector) candidates.push({ base, chunkId, vector, score: dot(queryVector, vector), rank });
    });
  }
  const kept = candidates.filter((candidate) => candidate.score >= options.threshold);
  // Across knowledge bases: by fused rank with hybrid search, else by similarity.
  kept.sort((a, b) => (options.hybrid ? a.rank - b.rank || b.score - a.score : b.score - a.score));
  const lambda = options.mmr === true ? 0.5 : options.mmr === false ? undefined : options.mmr.lambda;
  const picked =
    lambda === undefined
      ? kept.slice(0, options.topK)
      : maximalMarginalRelevance(
          kept.map((candidate, position) => ({
            vector: candidate.vector,
            // Hybrid: relevance from the fused order, so keyword-found chunks keep their place.
            score: options.hybrid ? 1 - position / Math.max(1, kept.length) : candidate.score,
          })),
          options.topK,
          lambda,
        ).map((index) => kept[index] as Candidate);
  const texts = new Map(
    (await store.chunkTexts(picked.map((candidate) => candidate.chunkId))).map((row) => [row.id, row]),
  );
  const results: ScoredChunk[] = [];
  for (const candidate of picked) {
    const row = texts.get(candidate.chunkId);
    const document = row ? candidate.base.documents.get(row.documentId) : undefined;
    if (!row || !document) continue;
    results.push({
      chunkId: candidate.chunkId,
      documentId: document.id,
      knowledgeBase: candidate.base.record.name,
      text: row.text,
      source: document.source,
      url: document.url,
      title: document.title,
      metadata: document.metadata,
      score: Math.round(candidate.score * 10_000) / 10_000,
    });
  }
  return results;
}
