import type { LogRecord } from "../stores/logs/log-record.js";
import { PartialWriteError } from "../stores/partial-write-error.js";
import type { LogSink } from "./log-sink.js";

export interface SinkQueueOptions {
  queueSize: number;
  batchSize: number;
  flushIntervalMs: number;
  /** Tries per batch before it is dropped. */
  attempts: number;
}

export interface SinkQueueEvents {
  dropped(sink: string, count: number): void;
  failed(sink: string, error: unknown): void;
}

/**
 * A bounded buffer in front of one sink. `push` never waits: a full buffer drops the event and
 * counts it. One batch is written at a time; a refused batch is tried again, then dropped; a
 * batch the sink could not write because its destination is away is held until it returns.
 */
export class SinkQueue {
  private buffer: LogRecord[] = [];
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly sink: LogSink,
    private readonly options: SinkQueueOptions,
    private readonly events: SinkQueueEvents,
  ) {}

  get depth(): number {
    return this.buffer.length;
  }

  push(record: LogRecord): void {
    if (this.closed || this.buffer.length >= this.options.queueSize) {
      this.events.dropped(this.sink.name, 1);
      return;
    }
    this.buffer.push(record);
    if (this.writing) return;
    if (this.buffer.length >= this.options.batchSize) this.startWriting();
    else this.timer ??= setTimeout(() => this.startWriting(), this.options.flushIntervalMs).unref();
  }

  /** Writes everything buffered; resolves when the buffer is empty (or `deadline` passed). */
  async drain(deadline = Number.POSITIVE_INFINITY): Promise<void> {
    while ((this.buffer.length > 0 || this.writing) && performance.now() < deadline) {
      if (!this.writing) this.startWriting();
      await this.writing;
    }
    if (this.buffer.length > 0) {
      this.events.dropped(this.sink.name, this.buffer.length);
      this.buffer = [];
    }
  }

  async close(deadline: number): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.drain(deadline);
    await this.sink.close();
  }

  private startWriting(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing || this.buffer.length === 0) return;
    this.writing = this.writeBatches().finally(() => {
      this.writing = undefined;
      if (this.buffer.length === 0 || this.closed) return;
      const wait = this.buffer.length >= this.options.batchSize ? 0 : this.options.flushIntervalMs;
      this.timer ??= setTimeout(() => this.startWriting(), wait).unref();
    });
  }

  /**
   * Writes what is buffered now. Events that arrive meanwhile wait for a full batch or the flush
   * interval: a sink that takes a while to confirm (an fsync, a webhook) then gets full batches
   * instead of a stream of small ones, each with its own commit.
   */
  private async writeBatches(): Promise<void> {
    let remaining = this.buffer.length;
    while (remaining > 0) {
      const batch = this.buffer.splice(0, Math.min(remaining, this.options.batchSize));
      remaining -= batch.length;
      await this.writeWithRetries(batch);
    }
  }

  private async writeWithRetries(batch: LogRecord[]): Promise<void> {
    let attempt = 0;
    for (let tries = 1; ; tries++) {
      try {
        await this.sink.write(batch);
        return;
      } catch (error) {
        // While the destination is away the batch is held: only a refused batch uses up attempts.
        if (this.sink.isUnavailable?.(error) !== true) attempt++;
        // An outage is reported once, not at every try while it lasts.
        if (tries === 1 || attempt > 0) this.events.failed(this.sink.name, error);
        // What the sink stored before it failed is not written twice, nor counted as dropped.
        if (error instanceof PartialWriteError) batch = batch.slice(error.written);
        if (attempt >= this.options.attempts || this.closed) {
          this.events.dropped(this.sink.name, batch.length);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** tries, 2_000)).unref());
      }
    }
  }
}
