import { describe, expect, it } from "vitest";
import { AbortScope, signalOf } from "./abort-scope.js";
import { followAbort } from "./follow-abort.js";

describe("AbortScope", () => {
  it("calls its followers once, with the first reason", () => {
    const scope = new AbortScope();
    const reasons: unknown[] = [];
    scope.follow((reason) => reasons.push(`a:${reason}`));
    followAbort(scope, (reason) => reasons.push(`b:${reason}`));
    scope.abort("gone");
    scope.abort("again");
    expect(reasons).toEqual(["a:gone", "b:gone"]);
    expect(scope.aborted).toBe(true);
    expect(scope.reason).toBe("gone");
  });

  it("calls a follower at once when it has already aborted", () => {
    const scope = new AbortScope();
    scope.abort("early");
    const reasons: unknown[] = [];
    followAbort(scope, (reason) => reasons.push(reason));
    expect(reasons).toEqual(["early"]);
  });

  it("stops calling a follower that stopped following", () => {
    const scope = new AbortScope();
    const reasons: unknown[] = [];
    const unfollow = scope.follow((reason) => reasons.push(reason));
    const kept = scope.follow((reason) => reasons.push(`kept:${reason}`));
    unfollow();
    unfollow();
    scope.abort("late");
    kept();
    expect(reasons).toEqual(["kept:late"]);
  });

  it("makes its signal only when asked, and the signal follows the scope", () => {
    const scope = new AbortScope();
    const signal = scope.signal;
    expect(scope.signal).toBe(signal);
    const events: unknown[] = [];
    signal.addEventListener("abort", () => events.push(signal.reason));
    scope.abort("client gone");
    expect(signal.aborted).toBe(true);
    expect(events).toEqual(["client gone"]);
  });

  it("gives an aborted signal when asked after the abort", () => {
    const scope = new AbortScope();
    const reason = new DOMException("too slow", "TimeoutError");
    scope.abort(reason);
    expect(scope.signal.aborted).toBe(true);
    expect(scope.signal.reason).toBe(reason);
    expect(signalOf(scope)).toBe(scope.signal);
  });
});

describe("AbortScope as a call's abort", () => {
  it("keeps `signal` a getter of the prototype, not of the scope", () => {
    const scope = new AbortScope();
    expect(Object.getOwnPropertyDescriptor(scope, "signal")).toBeUndefined();
    expect(scope.signal).toBeInstanceOf(AbortSignal);
  });

  it("hands a plain signal through signalOf unchanged", () => {
    const controller = new AbortController();
    expect(signalOf(controller.signal)).toBe(controller.signal);
  });
});
