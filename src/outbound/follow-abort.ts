/**
 * Aborts with `signal`'s reason when it aborts (at once if it already has). Returns what stops
 * following it, for a follower that ends before the signal does.
 */
export function followAbort(signal: AbortSignal, abort: (reason: unknown) => void): () => void {
  const forward = () => abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener("abort", forward, { once: true });
  return () => signal.removeEventListener("abort", forward);
}
