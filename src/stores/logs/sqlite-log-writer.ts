import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { RECORD_COLUMNS } from "./build-log-where.js";

const WORKER_URL = new URL("./sqlite-log-worker.cjs", import.meta.url);
const DRIVER_PATH = createRequire(import.meta.url).resolve("better-sqlite3");

interface Reply {
  id: number;
  error?: string;
}

/**
 * Writes batches of log rows into a SQLite file from a worker thread. better-sqlite3 is
 * synchronous: on the event loop each batch's inserts and its commit's fsync (synchronous =
 * FULL) stalled every request in flight for several ms, four times a second under load.
 *
 * The worker is referenced only while a batch is on its way, so it never keeps an idle process
 * alive but a shutdown still waits for the last batch. A worker that died is started again at
 * the next batch; the batches it held fail and the sink queue tries them again.
 */
export class SqliteLogWriter {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { worker: Worker; resolve(): void; reject(error: Error): void }>();

  constructor(private readonly path: string) {}

  /** Inserts rows (values in RECORD_COLUMNS order) and their captured texts in one transaction. */
  write(rows: unknown[][], texts: (string | null)[]): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, rows, texts });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.ref();
    worker.postMessage({ close: true });
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(WORKER_URL, {
      workerData: { path: this.path, driverPath: DRIVER_PATH, columns: RECORD_COLUMNS },
    });
    worker.unref();
    worker.on("message", (reply: Reply) => this.settle(reply));
    worker.on("error", (error) => this.failAll(worker, error));
    worker.on("exit", (code) => this.failAll(worker, new Error(`The log writer thread exited with code ${code}.`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.error === undefined) waiting.resolve();
    else waiting.reject(new Error(`Writing request logs failed: ${reply.error}`));
  }

  /** Fails the batches a dead worker held (its "error" and "exit" both land here). */
  private failAll(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== worker) continue;
      this.pending.delete(id);
      waiting.reject(error);
    }
  }
}
