import { describe, expect, it } from "vitest";
import { RequestCoalescer } from "./request-coalescer.js";

describe("RequestCoalescer", () => {
  it("lets the first request lead and hands its answer to every waiter", async () => {
    const coalescer = new RequestCoalescer<string>();
    expect(coalescer.join("k", "leader", 1000)).toBeUndefined();
    const waiters = [coalescer.join("k", "w1", 1000), coalescer.join("k", "w2", 1000)];
    coalescer.settle("k", "w1", "not the leader");
    coalescer.settle("k", "leader", "answer");
    expect(await Promise.all(waiters)).toEqual(["answer", "answer"]);
    expect(coalescer.size).toBe(0);
    expect(coalescer.join("k", "next", 1000)).toBeUndefined();
  });

  it("gives waiters undefined when the leader failed or took too long", async () => {
    const coalescer = new RequestCoalescer<string>();
    coalescer.join("k", "leader", 1000);
    const failed = coalescer.join("k", "w", 1000);
    coalescer.settle("k", "leader", undefined);
    expect(await failed).toBeUndefined();
    coalescer.join("slow", "leader", 1000);
    expect(await coalescer.join("slow", "w", 10)).toBeUndefined();
  });
});
