import { followAbort } from "../outbound/follow-abort.js";

/**
 * The signal of one upstream attempt: aborted by the client, or by the attempt's own timeout
 * (with a TimeoutError reason, which the outbound layer reports as upstream_timeout). `settle`
 * stops the timer once the attempt has committed, so a stream that began may run on.
 *
 * One controller and a plain listener instead of AbortSignal.any: measured here at about a
 * sixth of the cost per request, and nothing lingers until a full garbage collection.
 */
export function attemptSignal(clientSignal: AbortSignal, timeoutMs: number): { signal: AbortSignal; settle(): void } {
  const controller = new AbortController();
  followAbort(clientSignal, (reason) => controller.abort(reason));
  let timer: NodeJS.Timeout | undefined = setTimeout(
    () => controller.abort(new DOMException(`The attempt took longer than ${timeoutMs} ms.`, "TimeoutError")),
    timeoutMs,
  );
  // Dropped once settled: the client-abort listener lives as long as the stream and keeps this scope.
  const settle = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return { signal: controller.signal, settle };
}
