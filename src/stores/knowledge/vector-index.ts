import type { Index } from "usearch";
import { loadUsearch } from "../vector-index/load-usearch.js";

export interface VectorMatch {
  id: number;
  /** Cosine similarity. */
  score: number;
}

/**
 * One knowledge base's vectors in this process's memory, for fast retrieval on the request
 * path. Up to `flatLimit` vectors a flat scan is exact and fast enough (about 1 ms at 2,000 × 384
 * on one core); above it an HNSW graph (usearch, ~0.5 ms at 10,000) is built once, when an add
 * crosses the limit (ingestion or start-up, never a search), and kept up to date.
 */
export class VectorIndex {
  private readonly vectors = new Map<number, Float32Array>();
  private graph: Index | undefined;

  constructor(
    readonly dimensions: number,
    private readonly flatLimit = 2_000,
  ) {}

  get size(): number {
    return this.vectors.size;
  }

  vector(id: number): Float32Array | undefined {
    return this.vectors.get(id);
  }

  add(id: number, vector: Float32Array): void {
    if (vector.length !== this.dimensions) {
      throw new Error(`a vector of ${vector.length} dimensions cannot join an index of ${this.dimensions}`);
    }
    if (this.vectors.has(id)) this.remove(id);
    this.vectors.set(id, vector);
    // usearch reads from the start of the buffer, ignoring a view's offset: pass a copy.
    if (this.graph) this.graph.add(BigInt(id), Float32Array.from(vector));
    // Built while ingesting or loading, never by a search on the request path.
    else if (this.vectors.size > this.flatLimit) this.graph = this.buildGraph();
  }

  remove(id: number): void {
    if (!this.vectors.delete(id)) return;
    this.graph?.remove(BigInt(id));
  }

  /** The `count` nearest vectors among those `accept` lets through (all without it). */
  search(query: Float32Array, count: number, accept?: (id: number) => boolean): VectorMatch[] {
    const graph = this.graph;
    if (graph && this.vectors.size > this.flatLimit) {
      // Over-fetch so that a filter still leaves enough; fall back to the exact scan if not.
      const wanted = Math.min(this.vectors.size, count * 4);
      const found = graph.search(Float32Array.from(query), wanted, 0);
      const matches: VectorMatch[] = [];
      for (let index = 0; index < found.keys.length && matches.length < count; index++) {
        const id = Number(found.keys[index]);
        if (this.vectors.has(id) && (!accept || accept(id)))
          matches.push({ id, score: 1 - (found.distances[index] as number) });
      }
      if (matches.length >= count || wanted === this.vectors.size) return matches;
    }
    return this.scan(query, count, accept);
  }

  /** Exact search: one pass, keeping the best `count` in a small sorted list (no full sort). */
  private scan(query: Float32Array, count: number, accept: ((id: number) => boolean) | undefined): VectorMatch[] {
    const best: VectorMatch[] = [];
    let floor = Number.NEGATIVE_INFINITY;
    const dimensions = query.length;
    for (const [id, vector] of this.vectors) {
      let score = 0;
      for (let index = 0; index < dimensions; index++) score += (vector[index] as number) * (query[index] as number);
      if (best.length >= count && score <= floor) continue;
      if (accept && !accept(id)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1] as VectorMatch).score < score) at--;
      best.splice(at, 0, { id, score });
      if (best.length > count) best.pop();
      if (best.length >= count) floor = (best[best.length - 1] as VectorMatch).score;
    }
    return best;
  }

  private buildGraph(): Index {
    const { Index, MetricKind, ScalarKind } = loadUsearch();
    const graph = new Index({
      dimensions: this.dimensions,
      metric: MetricKind.Cos,
      quantization: ScalarKind.F32,
      connectivity: 16,
      expansion_add: 128,
      expansion_search: 64,
      multi: false,
    });
    for (const [id, vector] of this.vectors) graph.add(BigInt(id), Float32Array.from(vector));
    return graph;
  }
}
