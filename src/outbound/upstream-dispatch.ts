import type { Dispatcher } from "undici";
import { type BodyFeed, UpstreamBody } from "./upstream-body.js";

export interface UpstreamHead {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: UpstreamBody;
}

/**
 * One upstream request as undici's dispatcher handler: the answer's status and headers arrive as
 * a promise, its body as an UpstreamBody fed straight from the socket's reads. undici's request
 * API would add an async resource, a Readable per answer and an abort listener on a signal.
 *
 * `abort` stops the request at any point; before the connection took it, the answer is refused
 * at once and the request is dropped when its turn comes. `aborted` and `reason` tell afterwards
 * why it stopped (see toUpstreamError).
 */
export class UpstreamDispatch implements Dispatcher.DispatchHandler, BodyFeed {
  readonly head: Promise<UpstreamHead>;
  aborted = false;
  reason: unknown = undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private body: UpstreamBody | undefined;
  private answer!: { resolve(head: UpstreamHead): void; reject(error: unknown): void };

  constructor(
    /** Runs once the body is done (ended, failed or let go). */
    private readonly onBodySettled: () => void,
  ) {
    this.head = new Promise((resolve, reject) => {
      this.answer = { resolve, reject };
    });
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    if (this.controller) this.controller.abort(asError(reason));
    else this.answer.reject(asError(reason));
  }

  pause(): void {
    this.controller?.pause();
  }

  resume(): void {
    this.controller?.resume();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.aborted) controller.abort(asError(this.reason));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // Informational answers (100 Continue, 103 Early Hints) come before the real one.
    if (statusCode < 200) return;
    this.body = new UpstreamBody(this, this.onBodySettled);
    this.answer.resolve({ status: statusCode, headers, body: this.body });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.body?.push(chunk);
  }

  onResponseEnd(): void {
    this.body?.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.body) this.body.fail(error);
    else this.answer.reject(error);
  }
}

/** undici aborts with Errors; a plugin's `ctx.abort` may give any reason (kept as `reason`). */
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
