import { FlatVectorIndex } from "./flat-vector-index.js";
import { type GraphTuning, UsearchVectorIndex } from "./usearch-vector-index.js";
import type { VectorIndex, VectorMatch } from "./vector-index.js";

export interface GrowingIndexOptions {
  /** Above this many vectors a graph beats a scan. */
  flatLimit: number;
  graph: GraphTuning;
  /**
   * Keep the float32 vectors beside the graph: for `vector(id)`, and for an exact scan when a
   * filter leaves the graph's candidates short. Without it the graph alone holds them (memory).
   */
  keepVectors: boolean;
}

/**
 * A flat scan that becomes an HNSW graph when it grows past `flatLimit`. The graph is built
 * inside `add` (ingestion, loading, a cache write), never by a search on the request path.
 */
export class GrowingVectorIndex implements VectorIndex {
  private flat: FlatVectorIndex | undefined;
  private graph: UsearchVectorIndex | undefined;

  constructor(
    readonly dimensions: number,
    private readonly options: GrowingIndexOptions,
  ) {
    this.flat = new FlatVectorIndex(dimensions);
  }

  get size(): number {
    return this.graph?.size ?? this.flat?.size ?? 0;
  }

  /** The stored vector; only with `keepVectors`, or before the graph is built. */
  vector(id: bigint): Float32Array | undefined {
    return this.flat?.vector(id);
  }

  add(id: bigint, vector: Float32Array): void {
    this.flat?.add(id, vector);
    if (this.graph) this.graph.add(id, vector);
    else if (this.size > this.options.flatLimit) this.growGraph();
  }

  /** Adds many vectors; a graph gets them in one multi-threaded call (loading at start). */
  addMany(ids: readonly bigint[], vectors: readonly Float32Array[]): void {
    if (!this.graph && this.size + ids.length > this.options.flatLimit) this.growGraph();
    const flat = this.flat;
    if (flat) for (const [position, id] of ids.entries()) flat.add(id, vectors[position] as Float32Array);
    if (this.graph) {
      for (const id of ids) this.graph.remove(id);
      this.graph.addMany(ids, vectors);
    }
  }

  remove(id: bigint): void {
    this.flat?.remove(id);
    this.graph?.remove(id);
  }

  nearest(query: Float32Array): VectorMatch | undefined {
    return (this.graph ?? this.flat)?.nearest(query);
  }

  search(query: Float32Array, count: number, accept?: (id: bigint) => boolean): VectorMatch[] {
    if (!this.graph) return this.flat?.search(query, count, accept) ?? [];
    const matches = this.graph.search(query, count, accept);
    if (this.flat && matches.length < Math.min(count, this.size)) return this.flat.search(query, count, accept);
    return matches;
  }

  /** Builds the graph from the scan's vectors; the scan goes unless the vectors are kept. */
  private growGraph(): void {
    const flat = this.flat as FlatVectorIndex;
    const graph = new UsearchVectorIndex(this.dimensions, this.options.graph);
    const ids: bigint[] = [];
    const vectors: Float32Array[] = [];
    for (const [id, vector] of flat.entries()) {
      ids.push(id);
      vectors.push(vector);
    }
    graph.addMany(ids, vectors);
    this.graph = graph;
    if (!this.options.keepVectors) this.flat = undefined;
  }
}
