import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { LogEvent } from "../spec/log-event.js";
import { DeferredLogs } from "./deferred-logs.js";

const event = (requestId: string) => ({ requestId }) as LogEvent;

describe("DeferredLogs", () => {
  it("records events shortly after they were added, in order, not at once", async () => {
    const recorded: string[] = [];
    const logs = new DeferredLogs(
      (logged) => recorded.push(logged.requestId),
      () => {},
    );
    logs.add(event("a"));
    logs.add(event("b"));
    expect(recorded).toEqual([]);
    await sleep(20);
    expect(recorded).toEqual(["a", "b"]);
    logs.add(event("c"));
    await sleep(20);
    expect(recorded).toEqual(["a", "b", "c"]);
  });

  it("records what it holds when flushed, and nothing twice", async () => {
    const recorded: string[] = [];
    const logs = new DeferredLogs(
      (logged) => recorded.push(logged.requestId),
      () => {},
    );
    logs.add(event("a"));
    logs.flush();
    expect(recorded).toEqual(["a"]);
    await sleep(20);
    expect(recorded).toEqual(["a"]);
  });

  it("goes on past an event that fails to record, and reports it", async () => {
    const recorded: string[] = [];
    const failures: string[] = [];
    const logs = new DeferredLogs(
      (logged) => {
        if (logged.requestId === "bad") throw new Error("broken sink");
        recorded.push(logged.requestId);
      },
      (error, logged) => failures.push(`${logged.requestId}: ${(error as Error).message}`),
    );
    logs.add(event("bad"));
    logs.add(event("good"));
    await sleep(20);
    expect(recorded).toEqual(["good"]);
    expect(failures).toEqual(["bad: broken sink"]);
  });
});
