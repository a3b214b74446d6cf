import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { bodyReads } from "./body-reads.js";

/** Resolves on the reader's next wake. */
function nextWake(reads: ReturnType<typeof bodyReads>): Promise<void> {
  return new Promise((resolve) => reads.wait(resolve));
}

describe("bodyReads over a Node Readable", () => {
  it("reads what arrived and reports the end", async () => {
    const body = new Readable({ read() {} });
    const reads = bodyReads(body);
    body.push(Buffer.from("ab"));
    await nextWake(reads);
    expect(reads.read()?.toString()).toBe("ab");
    body.push(null);
    expect(reads.read()).toBeNull();
    await nextWake(reads);
    expect(reads.ended).toBe(true);
    expect(reads.error).toBeUndefined();
  });

  it("reports a body destroyed before its end as a premature close", async () => {
    const body = new Readable({ read() {} });
    const reads = bodyReads(body);
    body.destroy();
    await nextWake(reads);
    expect(reads.ended).toBe(false);
    expect((reads.error as { code?: string }).code).toBe("ERR_STREAM_PREMATURE_CLOSE");
  });

  it("reports the body's own error", async () => {
    const body = new Readable({ read() {} });
    const reads = bodyReads(body);
    body.destroy(new Error("socket hang up"));
    await nextWake(reads);
    expect((reads.error as Error).message).toBe("socket hang up");
  });

  it("knows a body that failed before the reader came", async () => {
    const body = new Readable({ read() {} });
    body.on("error", () => {});
    body.destroy(new Error("reset"));
    await new Promise((resolve) => setImmediate(resolve));
    const reads = bodyReads(body);
    expect((reads.error as Error).message).toBe("reset");
  });
});
