import { describe, expect, it } from "vitest";
import type { LogRecord } from "../stores/logs/log-record.js";
import { PartialWriteError } from "../stores/partial-write-error.js";
import type { LogSink } from "./log-sink.js";
import { SinkQueue } from "./sink-queue.js";

const record = (requestId: string) => ({ requestId }) as LogRecord;

function recordingSink(behaviour: (batch: readonly LogRecord[]) => Promise<void> = async () => {}) {
  const batches: string[][] = [];
  const sink: LogSink = {
    name: "test",
    async write(batch) {
      await behaviour(batch);
      batches.push(batch.map((item) => item.requestId));
    },
    close: async () => {},
  };
  return { sink, batches };
}

function counters() {
  const counts = { dropped: 0, failed: 0 };
  return {
    counts,
    events: { dropped: (_sink: string, count: number) => (counts.dropped += count), failed: () => counts.failed++ },
  };
}

const options = { queueSize: 10, batchSize: 4, flushIntervalMs: 5, attempts: 2 };

describe("SinkQueue", () => {
  it("writes in batches and drains everything on close", async () => {
    const { sink, batches } = recordingSink();
    const { counts, events } = counters();
    const queue = new SinkQueue(sink, options, events);
    for (let index = 0; index < 9; index++) queue.push(record(String(index)));
    await queue.close(performance.now() + 1_000);
    expect(batches.flat()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(4);
    expect(counts).toEqual({ dropped: 0, failed: 0 });
  });

  it("gives a sink that is slow to confirm full batches, not one small batch per confirmation", async () => {
    let confirm: () => void = () => {};
    const { sink, batches } = recordingSink(() => new Promise<void>((resolve) => (confirm = resolve)));
    const queue = new SinkQueue(sink, { ...options, queueSize: 100, flushIntervalMs: 60_000 }, counters().events);
    for (let index = 0; index < 4; index++) queue.push(record(`a${index}`));
    await new Promise((resolve) => setImmediate(resolve));
    // Two events arrive while the first batch waits for its confirmation.
    queue.push(record("b0"));
    queue.push(record("b1"));
    confirm();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(batches).toEqual([["a0", "a1", "a2", "a3"]]);
    expect(queue.depth).toBe(2);
    // Two more fill the batch, which is then written at once.
    queue.push(record("b2"));
    queue.push(record("b3"));
    await new Promise((resolve) => setImmediate(resolve));
    confirm();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([
      ["a0", "a1", "a2", "a3"],
      ["b0", "b1", "b2", "b3"],
    ]);
  });

  it("never waits on a slow sink: past the bound, events are dropped and counted", async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { sink, batches } = recordingSink(() => blocked);
    const { counts, events } = counters();
    const queue = new SinkQueue(sink, options, events);
    const started = performance.now();
    for (let index = 0; index < 30; index++) queue.push(record(String(index)));
    expect(performance.now() - started).toBeLessThan(50);
    // One batch of 4 is being written, 10 wait, the rest are dropped.
    expect(queue.depth).toBe(10);
    expect(counts.dropped).toBe(16);
    release();
    await queue.close(performance.now() + 1_000);
    expect(batches.flat()).toHaveLength(14);
  });

  it("tries a failed batch again, then drops it with a count", async () => {
    let calls = 0;
    const { sink, batches } = recordingSink(async () => {
      calls++;
      if (calls <= 3) throw new Error("down");
    });
    const { counts, events } = counters();
    const queue = new SinkQueue(sink, { ...options, batchSize: 2 }, events);
    for (let index = 0; index < 4; index++) queue.push(record(String(index)));
    await queue.drain();
    // Batch [0,1]: fails twice, dropped. Batch [2,3]: fails once, then written.
    expect(batches).toEqual([["2", "3"]]);
    expect(counts).toEqual({ dropped: 2, failed: 3 });
  });

  it("holds a batch while the sink's destination is away, without using up attempts", async () => {
    let away = 5;
    const { sink, batches } = recordingSink(async () => {
      if (away-- > 0) throw new Error("connect ECONNREFUSED");
    });
    sink.isUnavailable = () => true;
    const { counts, events } = counters();
    const queue = new SinkQueue(sink, options, events);
    queue.push(record("held"));
    const deadline = Date.now() + 10_000;
    while (batches.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.close(performance.now() + 1_000);
    expect(batches).toEqual([["held"]]);
    expect(counts.dropped).toBe(0);
    expect(counts.failed).toBe(1);
  });

  it("retries only what a partly written batch did not store", async () => {
    const stored: string[] = [];
    const writes: string[][] = [];
    let calls = 0;
    const sink: LogSink = {
      name: "test",
      async write(batch) {
        writes.push(batch.map((item) => item.requestId));
        if (++calls === 1) {
          stored.push(...batch.slice(0, 2).map((item) => item.requestId));
          throw new PartialWriteError(2, new Error("disk full"));
        }
        stored.push(...batch.map((item) => item.requestId));
      },
      close: async () => {},
    };
    const { counts, events } = counters();
    const queue = new SinkQueue(sink, options, events);
    for (let index = 0; index < 4; index++) queue.push(record(String(index)));
    await queue.drain();
    expect(writes).toEqual([
      ["0", "1", "2", "3"],
      ["2", "3"],
    ]);
    expect(stored).toEqual(["0", "1", "2", "3"]);
    expect(counts).toEqual({ dropped: 0, failed: 1 });
  });

  it("counts only the unstored rest of a partly written batch as dropped", async () => {
    const { sink } = recordingSink(async () => {
      throw new PartialWriteError(1, new Error("disk full"));
    });
    const { counts, events } = counters();
    const queue = new SinkQueue(sink, options, events);
    for (let index = 0; index < 4; index++) queue.push(record(String(index)));
    await queue.drain();
    // Try 1 stores "0", try 2 stores "1"; "2" and "3" are dropped.
    expect(counts).toEqual({ dropped: 2, failed: 2 });
  });

  it("counts events pushed after close as dropped", async () => {
    const { sink } = recordingSink();
    const { counts, events } = counters();
    const queue = new SinkQueue(sink, options, events);
    await queue.close(performance.now() + 100);
    queue.push(record("late"));
    expect(counts.dropped).toBe(1);
  });
});
