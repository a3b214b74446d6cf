import picomatch from "picomatch";
import type { VerifiedKey } from "../../stores/keys/key-records.js";

export interface CachedKey extends VerifiedKey {
  /** Whether the client may name this model (the key's glob patterns). */
  allowsModel(model: string): boolean;
}

/**
 * Verified keys by hash, kept briefly so the request path rarely touches the database. Only
 * hits are cached, so a key created on another instance works there at once.
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, { value: CachedKey; expiresAt: number }>();
  /** Grows on every clear; a lookup that began before a clear must not cache what it read. */
  private generation = 0;

  constructor(private readonly ttlMs: number) {}

  get(hash: string): CachedKey | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry.value;
  }

  /** Taken before reading the store; pass it to `set`. */
  currentGeneration(): number {
    return this.generation;
  }

  set(hash: string, verified: VerifiedKey, readAtGeneration: number): CachedKey {
    const matchers = verified.key.models.map((pattern) => picomatch(pattern, { dot: true }));
    const value: CachedKey = Object.assign({}, verified, {
      allowsModel: (model: string) => matchers.length === 0 || matchers.some((matches) => matches(model)),
    });
    if (this.ttlMs > 0 && readAtGeneration === this.generation) {
      if (this.entries.size >= 10_000) this.entries.clear();
      this.entries.set(hash, { value, expiresAt: Date.now() + this.ttlMs });
    }
    return value;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
