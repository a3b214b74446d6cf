import { FlatVectorIndex } from "./flat-vector-index.js";
import { UsearchVectorIndex } from "./usearch-vector-index.js";
import type { VectorIndex, VectorMatch } from "./vector-index.js";

/** Above this many vectors in one namespace a graph index beats a scan. */
const DEFAULT_FLAT_LIMIT = 2_048;

/**
 * Vectors kept apart by namespace (the embedder's name and the exact scope of everything not
 * embedded), so a search only ever compares vectors of the same embedder and the same scope.
 * A namespace starts as a flat scan and moves to a usearch graph when it grows.
 */
export class ScopedVectorIndex {
  private readonly namespaces = new Map<string, VectorIndex>();
  private readonly namespaceOf = new Map<bigint, string>();

  constructor(private readonly flatLimit = DEFAULT_FLAT_LIMIT) {}

  get size(): number {
    return this.namespaceOf.size;
  }

  add(namespace: string, id: bigint, vector: Float32Array): void {
    this.remove(id);
    let index = this.namespaces.get(namespace);
    if (!index) {
      index = new FlatVectorIndex();
      this.namespaces.set(namespace, index);
    }
    if (index instanceof FlatVectorIndex && index.size >= this.flatLimit)
      index = this.upgrade(namespace, index, vector);
    index.add(id, vector);
    this.namespaceOf.set(id, namespace);
  }

  /** Adds many vectors to one namespace; a graph gets them in one multi-threaded call (loading at start). */
  addMany(namespace: string, ids: readonly bigint[], vectors: readonly Float32Array[]): void {
    const first = vectors[0];
    if (!first) return;
    for (const id of ids) this.remove(id);
    let index = this.namespaces.get(namespace) ?? new FlatVectorIndex();
    this.namespaces.set(namespace, index);
    if (index instanceof FlatVectorIndex && index.size + ids.length > this.flatLimit) {
      index = this.upgrade(namespace, index, first);
    }
    if (index instanceof UsearchVectorIndex) {
      const fitting = ids.flatMap((id, position) =>
        vectors[position]?.length === index.dimensions ? [[id, vectors[position]] as const] : [],
      );
      index.addMany(
        fitting.map(([id]) => id),
        fitting.map(([, vector]) => vector as Float32Array),
      );
    } else {
      ids.forEach((id, position) => {
        const vector = vectors[position];
        if (vector) index.add(id, vector);
      });
    }
    for (const id of ids) this.namespaceOf.set(id, namespace);
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

  clear(): void {
    this.namespaces.clear();
    this.namespaceOf.clear();
  }

  private upgrade(namespace: string, flat: FlatVectorIndex, sample: Float32Array): VectorIndex {
    const graph = new UsearchVectorIndex(sample.length);
    const ids: bigint[] = [];
    const vectors: Float32Array[] = [];
    for (const [id, vector] of flat.entries()) {
      if (vector.length !== sample.length) continue;
      ids.push(id);
      vectors.push(vector);
    }
    graph.addMany(ids, vectors);
    this.namespaces.set(namespace, graph);
    return graph;
  }
}
