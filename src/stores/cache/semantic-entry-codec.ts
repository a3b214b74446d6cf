import type { SemanticEntry } from "./semantic-store.js";

/** A semantic entry as text for Redis: the vector as base64 float32. */
export function encodeSemanticEntry(entry: SemanticEntry): string {
  const vector = Buffer.from(entry.vector.buffer, entry.vector.byteOffset, entry.vector.byteLength).toString("base64");
  return JSON.stringify({
    id: entry.id.toString(),
    cacheNamespace: entry.cacheNamespace,
    indexNamespace: entry.indexNamespace,
    vector,
    value: entry.value,
    expiresAt: entry.expiresAt,
  });
}

export function decodeSemanticEntry(text: string): SemanticEntry {
  const raw = JSON.parse(text) as {
    id: string;
    cacheNamespace: string;
    indexNamespace: string;
    vector: string;
    value: string;
    expiresAt: number;
  };
  const bytes = Buffer.from(raw.vector, "base64");
  // A copy, so the vector owns an aligned buffer of its own.
  const vector = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(vector.buffer).set(bytes);
  return {
    id: BigInt(raw.id),
    cacheNamespace: raw.cacheNamespace,
    indexNamespace: raw.indexNamespace,
    vector,
    value: raw.value,
    expiresAt: raw.expiresAt,
  };
}
