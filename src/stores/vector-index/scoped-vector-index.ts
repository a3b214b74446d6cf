import { GrowingVectorIndex } from "./growing-vector-index.js";
import { FAST_GRAPH } from "./usearch-vector-index.js";
import type { VectorMatch } from "./vector-index.js";

/** Above this many vectors in one namespace a graph index beats a scan. */
const DEFAULT_FLAT_LIMIT = 2_048;

/**
 * Vectors kept apart by namespace (the embedder's name and the exact scope of everything not
 * embedded), so a search only ever compares vectors of the same embedder and the same scope.
 * A namespace starts as a flat scan and moves to a usearch graph when it grows.
 */
export class ScopedVectorIndex {
  private readonly namespaces = new Map<string, GrowingVectorIndex>();
  private readonly namespaceOf = new Map<bigint, string>();

  constructor(private readonly flatLimit = DEFAULT_FLAT_LIMIT) {}

  get size(): number {
    return this.namespaceOf.size;
  }

  /**
   * A namespace takes the length of its first vector; one of another length (the model behind a
   * virtual name changed) is left out, and so is a miss.
   */
  add(namespace: string, id: bigint, vector: Float32Array): void {
    this.remove(id);
    const index = this.indexOf(namespace, vector.length);
    if (vector.length !== index.dimensions) return;
    index.add(id, vector);
    this.namespaceOf.set(id, namespace);
  }

  /** Adds many vectors to one namespace; a graph gets them in one multi-threaded call (loading at start). */
  addMany(namespace: string, ids: readonly bigint[], vectors: readonly Float32Array[]): void {
    for (const id of ids) this.remove(id);
    const first = vectors[0];
    if (!first) return;
    const index = this.indexOf(namespace, first.length);
    const fittingIds: bigint[] = [];
    const fittingVectors: Float32Array[] = [];
    ids.forEach((id, position) => {
      const vector = vectors[position];
      if (vector?.length !== index.dimensions) return;
      fittingIds.push(id);
      fittingVectors.push(vector);
    });
    index.addMany(fittingIds, fittingVectors);
    for (const id of fittingIds) this.namespaceOf.set(id, namespace);
  }

  remove(id: bigint): void {
    const namespace = this.namespaceOf.get(id);
    if (namespace === undefined) return;
    this.namespaceOf.delete(id);
    const index = this.namespaces.get(namespace);
    index?.remove(id);
    if (index && index.size === 0) this.namespaces.delete(namespace);
  }

  nearest(namespace: string, vector: Float32Array): VectorMatch | undefined {
    return this.namespaces.get(namespace)?.nearest(vector);
  }

  private indexOf(namespace: string, dimensions: number): GrowingVectorIndex {
    let index = this.namespaces.get(namespace);
    if (!index) {
      index = new GrowingVectorIndex(dimensions, { flatLimit: this.flatLimit, graph: FAST_GRAPH, keepVectors: false });
      this.namespaces.set(namespace, index);
    }
    return index;
  }

  clear(): void {
    this.namespaces.clear();
    this.namespaceOf.clear();
  }
}
