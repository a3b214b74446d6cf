import { finished, Readable } from "node:stream";

/**
 * A response body read one network read at a time, without an async generator in between.
 * `read()` takes what has arrived (null when nothing has); `wait(wake)` calls `wake` once when
 * more arrived, the body ended (`ended`) or failed (`error`).
 *
 * A Node Readable (undici's bodies) is read with `read()` and one "readable" listener, as its
 * own async iterator does, but a wait costs nothing: the iterator (a generator) keeps a request
 * queue, promises and a resumption alive across the wait between two events of a slow stream.
 * Other async iterables (test bodies) go through their iterator.
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
  return body instanceof Readable ? new ReadableReads(body) : new IteratorReads(body[Symbol.asyncIterator]());
}

class ReadableReads implements BodyReads {
  ended = false;
  error: unknown;
  private wake: (() => void) | undefined;

  constructor(private readonly body: Readable) {
    body.on("readable", this.onReadable);
    // Also reports a body closed before its end (ERR_STREAM_PREMATURE_CLOSE) as an error.
    finished(body, { writable: false }, (error) => {
      if (error) this.error = error;
      else this.ended = true;
      this.onReadable();
    });
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
    // The "error" listener of `finished` stays, so a body that fails while draining is let go quietly.
    this.body.resume();
  }

  private readonly onReadable = (): void => {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  };
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
