import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { pendingDeadlines, setDeadline } from "./deadlines.js";

describe("setDeadline", () => {
  it("fires each deadline once its time has passed, in the order they were set", async () => {
    const fired: Array<{ name: string; elapsed: number }> = [];
    const started = performance.now();
    setDeadline(30, () => fired.push({ name: "first", elapsed: performance.now() - started }));
    setDeadline(30, () => fired.push({ name: "second", elapsed: performance.now() - started }));
    await sleep(10);
    expect(fired).toEqual([]);
    await sleep(60);
    expect(fired.map((entry) => entry.name)).toEqual(["first", "second"]);
    for (const entry of fired) expect(entry.elapsed).toBeGreaterThanOrEqual(29);
    expect(pendingDeadlines()).toBe(0);
  });

  it("never fires a cancelled deadline", async () => {
    let fired = 0;
    const deadline = setDeadline(20, () => fired++);
    deadline.cancel();
    deadline.cancel();
    await sleep(50);
    expect(fired).toBe(0);
    expect(pendingDeadlines()).toBe(0);
  });

  it("keeps lengths apart: a short deadline set later fires first", async () => {
    const fired: string[] = [];
    setDeadline(120, () => fired.push("long"));
    setDeadline(20, () => fired.push("short"));
    await sleep(60);
    expect(fired).toEqual(["short"]);
    await sleep(100);
    expect(fired).toEqual(["short", "long"]);
  });

  it("fires the pending deadlines around thousands of cancelled ones, and only those", async () => {
    const fired: string[] = [];
    setDeadline(50, () => fired.push("held"));
    for (let index = 0; index < 5_000; index++) setDeadline(50, () => fired.push(`cancelled ${index}`)).cancel();
    setDeadline(50, () => fired.push("last"));
    expect(pendingDeadlines()).toBe(2);
    await sleep(120);
    expect(fired).toEqual(["held", "last"]);
    expect(pendingDeadlines()).toBe(0);
  });

  it("fires a deadline of the same length set while another expires", async () => {
    const fired: string[] = [];
    setDeadline(20, () => {
      fired.push("first");
      setDeadline(20, () => fired.push("set on expiry"));
    });
    await sleep(100);
    expect(fired).toEqual(["first", "set on expiry"]);
  });
});
