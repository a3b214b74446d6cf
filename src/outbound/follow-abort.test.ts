import { describe, expect, it } from "vitest";
import { followAbort } from "./follow-abort.js";

describe("followAbort", () => {
  it("passes the signal's reason on when it aborts, once", () => {
    const controller = new AbortController();
    const reasons: unknown[] = [];
    followAbort(controller.signal, (reason) => reasons.push(reason));
    controller.abort("gone");
    controller.abort("again");
    expect(reasons).toEqual(["gone"]);
  });

  it("aborts at once when the signal already has", () => {
    const reasons: unknown[] = [];
    followAbort(AbortSignal.abort("early"), (reason) => reasons.push(reason));
    expect(reasons).toEqual(["early"]);
  });

  it("stops following when told to", () => {
    const controller = new AbortController();
    const reasons: unknown[] = [];
    const unfollow = followAbort(controller.signal, (reason) => reasons.push(reason));
    unfollow();
    controller.abort("late");
    expect(reasons).toEqual([]);
  });
});
