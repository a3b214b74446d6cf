import { randomFillSync } from "node:crypto";

const POOL_BYTES = 4096;

/**
 * Random hex ids for traces and spans, several per request. One randomBytes call per id costs
 * a few µs each on the request path; drawing from a pool refilled 4 KiB at a time costs
 * almost nothing (see docs/performance.md, Ids). The pool lives with the id source, never in
 * module state.
 */
export class RandomHex {
  private readonly pool = Buffer.alloc(POOL_BYTES);
  private offset = POOL_BYTES;

  /** `bytes` random bytes as 2 × bytes hex characters. */
  next(bytes: number): string {
    if (this.offset + bytes > POOL_BYTES) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const id = this.pool.toString("hex", this.offset, this.offset + bytes);
    this.offset += bytes;
    return id;
  }
}
