import { AbortScope, type AbortSource } from "../outbound/abort-scope.js";
import { setDeadline } from "../outbound/deadlines.js";
import { followAbort } from "../outbound/follow-abort.js";

/**
 * The abort of one upstream attempt: by the client, or by the attempt's own timeout (with a
 * TimeoutError reason, which the outbound layer reports as upstream_timeout). `settle` stops the
 * timer once the attempt has committed, so a stream that began may run on.
 *
 * A scope and a plain follower instead of AbortSignal.any: no AbortSignal is made unless an
 * adapter reads `call.abort.signal` (see AbortScope), and nothing lingers until a full garbage collection.
 */
export function attemptAbort(client: AbortSource, timeoutMs: number): { scope: AbortScope; settle(): void } {
  const scope = new AbortScope();
  followAbort(client, (reason) => scope.abort(reason));
  const timeout = setDeadline(timeoutMs, () =>
    scope.abort(new DOMException(`The attempt took longer than ${timeoutMs} ms.`, "TimeoutError")),
  );
  return { scope, settle: () => timeout.cancel() };
}
