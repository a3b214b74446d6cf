import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker.js";

const config = {
  enabled: true,
  consecutiveFailures: 3,
  failureRate: 0.5,
  minimumRequests: 10,
  windowMs: 10_000,
  cooldownMs: 1_000,
};

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("CircuitBreaker", () => {
  it("opens after consecutive failures, skips while open, lets one probe through after the cooldown", () => {
    const time = clock();
    const breaker = new CircuitBreaker(config, time.now);
    for (let failure = 0; failure < 3; failure++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.onFailure();
    }
    expect(breaker.state).toBe("open");
    expect(breaker.tryAcquire()).toBe(false);
    time.advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.state).toBe("half-open");
    expect(breaker.tryAcquire()).toBe(false);
    breaker.onSuccess();
    expect(breaker.state).toBe("closed");
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("re-opens when the probe fails", () => {
    const time = clock();
    const breaker = new CircuitBreaker(config, time.now);
    for (let failure = 0; failure < 3; failure++) breaker.onFailure();
    time.advance(1_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.onFailure();
    expect(breaker.state).toBe("open");
    expect(breaker.tryAcquire()).toBe(false);
  });

  it("opens on the failure rate over the window, and forgets failures older than the window", () => {
    const time = clock();
    const breaker = new CircuitBreaker({ ...config, consecutiveFailures: 100 }, time.now);
    for (let request = 0; request < 10; request++) {
      if (request % 2 === 1) breaker.onFailure();
      else breaker.onSuccess();
    }
    expect(breaker.state).toBe("open");

    const forgetful = new CircuitBreaker({ ...config, consecutiveFailures: 100 }, time.now);
    for (let request = 0; request < 4; request++) forgetful.onFailure();
    time.advance(11_000);
    for (let request = 0; request < 6; request++) forgetful.onSuccess();
    expect(forgetful.window()).toEqual({ requests: 6, failures: 0 });
    expect(forgetful.state).toBe("closed");
  });

  it("never opens when disabled", () => {
    const breaker = new CircuitBreaker({ ...config, enabled: false });
    for (let failure = 0; failure < 20; failure++) breaker.onFailure();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
