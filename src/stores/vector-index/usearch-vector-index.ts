import type { Index } from "usearch";
import { loadUsearch } from "./load-usearch.js";
import { checkDimensions, type VectorIndex, type VectorMatch } from "./vector-index.js";

/** How a graph trades memory and search time against recall. */
export interface GraphTuning {
  /** 16-bit floats: half the memory and about twice the speed, similarities within ~0.001. */
  precision: "f16" | "f32";
  expansionAdd: number;
  expansionSearch: number;
}

/**
 * The semantic cache's: a missed neighbour only costs a hit, never a wrong answer (the threshold
 * still applies to the entry found), so it trades a little recall for latency; 8-bit would blur
 * the scores that the threshold compares.
 */
export const FAST_GRAPH: GraphTuning = { precision: "f16", expansionAdd: 64, expansionSearch: 40 };

/** Retrieval's: exact scores and more recall, since every missed chunk is context lost. */
export const THOROUGH_GRAPH: GraphTuning = { precision: "f32", expansionAdd: 128, expansionSearch: 64 };

/** An HNSW graph (usearch) for large sets; it keeps no float32 copy of the vectors. */
export class UsearchVectorIndex implements VectorIndex {
  private readonly index: Index;

  constructor(
    readonly dimensions: number,
    tuning: GraphTuning,
  ) {
    const { Index, MetricKind, ScalarKind } = loadUsearch();
    this.index = new Index({
      dimensions,
      metric: MetricKind.Cos,
      quantization: tuning.precision === "f16" ? ScalarKind.F16 : ScalarKind.F32,
      connectivity: 16,
      expansion_add: tuning.expansionAdd,
      expansion_search: tuning.expansionSearch,
      multi: false,
    });
  }

  get size(): number {
    return this.index.size();
  }

  add(id: bigint, vector: Float32Array): void {
    checkDimensions(this, vector);
    if (this.index.contains(id)) this.index.remove(id);
    this.index.add(id, ownBuffer(vector));
  }

  /** Adds many new vectors in one call, on every core (used when a scan grows into a graph). */
  addMany(ids: readonly bigint[], vectors: readonly Float32Array[]): void {
    if (ids.length === 0) return;
    const matrix = new Float32Array(vectors.length * this.dimensions);
    vectors.forEach((vector, row) => {
      checkDimensions(this, vector);
      matrix.set(vector, row * this.dimensions);
    });
    this.index.add(BigUint64Array.from(ids), matrix, 0);
  }

  remove(id: bigint): void {
    this.index.remove(id);
  }

  nearest(query: Float32Array): VectorMatch | undefined {
    return this.search(query, 1)[0];
  }

  /** With `accept`, over-fetches so that the filter still leaves enough; it may leave fewer than `count`. */
  search(query: Float32Array, count: number, accept?: (id: bigint) => boolean): VectorMatch[] {
    const size = this.index.size();
    if (size === 0 || count <= 0 || query.length !== this.dimensions) return [];
    const wanted = Math.min(size, accept ? count * 4 : count);
    const found = this.index.search(ownBuffer(query), wanted, 1);
    const matches: VectorMatch[] = [];
    for (let position = 0; position < found.keys.length && matches.length < count; position++) {
      const id = found.keys[position] as bigint;
      if (!accept || accept(id)) matches.push({ id, similarity: 1 - (found.distances[position] as number) });
    }
    return matches;
  }
}

/** usearch reads from the start of the buffer, ignoring a view's offset: such a view is copied. */
function ownBuffer(vector: Float32Array): Float32Array {
  return vector.byteOffset === 0 ? vector : Float32Array.from(vector);
}
