import type { AbortSource } from "./abort-scope.js";

/**
 * Aborts with `source`'s reason when it aborts (at once if it already has). Returns what stops
 * following it, for a follower that ends before the source does.
 */
export function followAbort(source: AbortSource, abort: (reason: unknown) => void): () => void {
  if (!(source instanceof AbortSignal)) return source.follow(abort);
  const forward = () => abort(source.reason);
  if (source.aborted) forward();
  else source.addEventListener("abort", forward, { once: true });
  return () => source.removeEventListener("abort", forward);
}
