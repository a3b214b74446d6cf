/**
 * The signal of one upstream attempt: aborted by the client, or by the attempt's own timeout
 * (with a TimeoutError reason, which the outbound layer reports as upstream_timeout). `settle`
 * stops the timer once the attempt has committed, so a stream that began may run on.
 */
export function attemptSignal(clientSignal: AbortSignal, timeoutMs: number): { signal: AbortSignal; settle(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`The attempt took longer than ${timeoutMs} ms.`, "TimeoutError")),
    timeoutMs,
  );
  return {
    signal: AbortSignal.any([clientSignal, controller.signal]),
    settle: () => clearTimeout(timer),
  };
}
