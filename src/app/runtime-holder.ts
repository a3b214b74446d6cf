import type { Runtime } from "./runtime.js";

/**
 * Holds the current runtime and counts the requests using each one, so that a reload swaps
 * runtimes atomically and the old one is closed only after its last request finished.
 */
export class RuntimeHolder {
  private readonly users = new Map<Runtime, number>();
  private readonly retired = new Set<Runtime>();

  constructor(private current: Runtime) {}

  get runtime(): Runtime {
    return this.current;
  }

  acquire(): Runtime {
    const runtime = this.current;
    this.users.set(runtime, (this.users.get(runtime) ?? 0) + 1);
    return runtime;
  }

  release(runtime: Runtime): void {
    const remaining = (this.users.get(runtime) ?? 1) - 1;
    if (remaining > 0) {
      this.users.set(runtime, remaining);
      return;
    }
    this.users.delete(runtime);
    if (this.retired.delete(runtime)) void this.closeQuietly(runtime);
  }

  /** Makes `next` current; the previous runtime closes when its requests are done. */
  swap(next: Runtime): void {
    const previous = this.current;
    this.current = next;
    if (this.users.has(previous)) this.retired.add(previous);
    else void this.closeQuietly(previous);
  }

  private async closeQuietly(runtime: Runtime): Promise<void> {
    try {
      await runtime.close();
    } catch (error) {
      runtime.logger.warn({ err: error }, "closing the previous runtime failed");
    }
  }
}
