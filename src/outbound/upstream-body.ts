import type { BodyReads } from "./body-reads.js";

/** Unread bytes above which the upstream socket is paused (a Readable's default high-water mark). */
const HIGH_WATER_BYTES = 64 * 1024;

/** What a body needs of the request that feeds it. */
export interface BodyFeed {
  pause(): void;
  resume(): void;
  /** Stops the request: the reader let the body go before its end. */
  abort(reason: Error): void;
}

/**
 * An upstream answer's body, fed by the dispatcher handler (see UpstreamDispatch) and read as
 * one text, one network read at a time (BodyReads, for the stream readers) or as an async
 * iterable. It stands where undici's request API put a Readable: that Readable, its state and the
 * listeners that read it cost more than the rest of the upstream call's own work on the
 * gateway's side. An unread backlog over 64 KiB pauses the
 * socket until the reader catches up, so a slow client holds back a fast upstream.
 */
export class UpstreamBody implements BodyReads, AsyncIterable<Buffer> {
  ended = false;
  error: unknown = undefined;
  private chunks: Buffer[] = [];
  private unreadBytes = 0;
  private paused = false;
  /** Set by `drain` and `destroy`: what still arrives is dropped. */
  private letGo = false;
  private wake: (() => void) | undefined;
  private whole: { resolve(text: string): void; reject(error: unknown): void } | undefined;
  private settled = false;

  constructor(
    private readonly feed: BodyFeed,
    /** Runs once, when the body ends, fails or is let go. */
    private readonly onSettled: () => void,
  ) {}

  /** From the handler: one network read. */
  push(chunk: Buffer): void {
    if (this.letGo) return;
    this.chunks.push(chunk);
    this.unreadBytes += chunk.length;
    // Text wanted whole is read at its end; pausing would never end.
    if (!this.whole && !this.paused && this.unreadBytes > HIGH_WATER_BYTES) {
      this.paused = true;
      this.feed.pause();
    }
    this.wakeReader();
  }

  /** From the handler: the body is complete. */
  end(): void {
    if (this.ended || this.error !== undefined) return;
    this.ended = true;
    this.settle();
    if (this.whole) this.whole.resolve(this.takeText());
    this.wakeReader();
  }

  /** From the handler: the connection broke or the request was aborted. Unread bytes stay readable first. */
  fail(error: unknown): void {
    if (this.ended || this.error !== undefined) return;
    this.error = error;
    this.settle();
    this.whole?.reject(error);
    this.wakeReader();
  }

  /** The whole body as UTF-8 text, once it has ended. */
  text(): Promise<string> {
    if (this.ended) return Promise.resolve(this.takeText());
    if (this.error !== undefined) return Promise.reject(this.error);
    return new Promise((resolve, reject) => {
      this.whole = { resolve, reject };
      this.resumeFeed();
    });
  }

  read(): Buffer | null {
    const chunk = this.chunks.shift();
    if (chunk === undefined) return null;
    this.unreadBytes -= chunk.length;
    if (this.unreadBytes <= HIGH_WATER_BYTES) this.resumeFeed();
    return chunk;
  }

  wait(wake: () => void): void {
    this.wake = wake;
  }

  destroy(): void {
    this.dropUnread();
    if (this.ended || this.error !== undefined) return;
    this.error = Object.assign(new Error("The body was let go before its end."), { code: "UND_ERR_ABORTED" });
    this.settle();
    this.feed.abort(this.error as Error);
  }

  drain(): void {
    this.dropUnread();
    this.resumeFeed();
  }

  /** For readers of async iterables (Bedrock's event stream). Leaving early lets the body go. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    try {
      while (true) {
        const chunk = this.read();
        if (chunk !== null) {
          yield chunk;
          continue;
        }
        if (this.error !== undefined) throw this.error;
        if (this.ended) return;
        await new Promise<void>((resolve) => this.wait(resolve));
      }
    } finally {
      this.destroy();
    }
  }

  private takeText(): string {
    const chunks = this.chunks;
    this.chunks = [];
    this.unreadBytes = 0;
    return chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
  }

  private dropUnread(): void {
    this.letGo = true;
    this.chunks = [];
    this.unreadBytes = 0;
    this.wake = undefined;
  }

  private resumeFeed(): void {
    if (!this.paused) return;
    this.paused = false;
    this.feed.resume();
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    this.onSettled();
  }

  private wakeReader(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
