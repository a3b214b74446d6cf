import { Readable } from "node:stream";
import { UpstreamBody } from "./upstream-body.js";

/**
 * A response body read one network read at a time, without an async generator in between.
 * `read()` takes what has arrived (null when nothing has); `wait(wake)` calls `wake` once when
 * more arrived, the body ended (`ended`) or failed (`error`).
 *
 * An upstream answer's body (UpstreamBody) reads this way itself. A Node Readable is read with
 * `read()` and one "readable" listener, as its own async iterator does, but a wait costs nothing:
 * the iterator (a generator) keeps a request queue, promises and a resumption alive across the
 * wait between two events of a slow stream. Other async iterables (test bodies) go through their
 * iterator.
 */
export interface BodyReads {
  read(): Buffer | Uint8Array | null;
  wait(wake: () => void): void;
  readonly ended: boolean;
  readonly error: unknown;
  /** Stops reading: destroys the body, which aborts its request. */
  destroy(): void;
  /** Stops reading but lets the body finish in the background (its end is already on the way). */
  drain(): void;
}

export function bodyReads(body: AsyncIterable<Buffer | Uint8Array>): BodyReads {
  if (body instanceof UpstreamBody) return body;
  return body instanceof Readable ? new ReadableReads(body) : new IteratorReads(body[Symbol.asyncIterator]());
}

class ReadableReads implements BodyReads {
  ended = false;
  error: unknown;
  private wake: (() => void) | undefined;

  constructor(private readonly body: Readable) {
    // Three listeners rather than stream.finished, whose seven closures would stay on every
    // open stream. The "error" listener stays while draining, so a late failure is let go quietly.
    body.on("readable", this.onReadable);
    body.once("end", this.onEnd);
    body.on("error", this.onError);
    body.once("close", this.onClose);
    // A body that failed or closed before this reader came has no events left to send.
    if (body.errored) this.error = body.errored;
    else if (body.readableEnded) this.ended = true;
    else if (body.destroyed) this.error = prematureClose();
  }

  read(): Buffer | null {
    return this.body.destroyed ? null : (this.body.read() as Buffer | null);
  }

  wait(wake: () => void): void {
    this.wake = wake;
  }

  destroy(): void {
    this.body.off("readable", this.onReadable);
    this.body.destroy();
  }

  drain(): void {
    this.body.off("readable", this.onReadable);
    this.body.resume();
  }

  private readonly onReadable = (): void => {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    this.onReadable();
  };

  private readonly onError = (error: Error): void => {
    if (this.ended || this.error !== undefined) return;
    this.error = error;
    this.onReadable();
  };

  /** A body closed before its end is an error, as stream.finished reports it. */
  private readonly onClose = (): void => {
    if (this.ended || this.error !== undefined) return;
    this.onError(prematureClose());
  };
}

function prematureClose(): Error {
  return Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" });
}

class IteratorReads implements BodyReads {
  ended = false;
  error: unknown;
  private held: Buffer | Uint8Array | null = null;

  constructor(private readonly reads: AsyncIterator<Buffer | Uint8Array>) {}

  read(): Buffer | Uint8Array | null {
    const held = this.held;
    this.held = null;
    return held;
  }

  wait(wake: () => void): void {
    this.reads.next().then(
      (read) => {
        if (read.done) this.ended = true;
        else this.held = read.value;
        wake();
      },
      (error: unknown) => {
        this.error = error;
        wake();
      },
    );
  }

  destroy(): void {
    this.reads.return?.().catch(() => {});
  }

  drain(): void {
    const next = (): Promise<void> => this.reads.next().then((read) => (read.done ? undefined : next()));
    next().catch(() => {});
  }
}
