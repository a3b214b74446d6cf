import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { Plugin } from "../contract/plugin.js";
import type { ChatContext } from "../contract/request-context.js";
import type { StreamEvent } from "../contract/stream-event.js";
import { withHookTimeouts } from "./with-hook-timeouts.js";

class CountingPlugin implements Plugin {
  readonly name = "counting";
  #events = 0;
  constructor(private readonly delayMs: number) {}
  async onRequest(): Promise<void> {
    await sleep(this.delayMs);
  }
  onStreamEvent(_ctx: ChatContext, event: StreamEvent): StreamEvent {
    this.#events++;
    return event;
  }
  get events(): number {
    return this.#events;
  }
}

const ctx = {} as ChatContext;

describe("withHookTimeouts", () => {
  it("returns the plugin itself without a timeout", () => {
    const plugin = new CountingPlugin(0);
    expect(withHookTimeouts(plugin, undefined)).toBe(plugin);
  });

  it("fails a slow hook with plugin_timeout naming the plugin and hook", async () => {
    const timed = withHookTimeouts(new CountingPlugin(500), 50);
    await expect(timed.onRequest?.(ctx)).rejects.toMatchObject({
      code: "plugin_timeout",
      status: 504,
      message: 'Plugin "counting" took longer than 50 ms in onRequest.',
    });
  });

  it("lets a quick hook finish, and keeps a class plugin's own this for every hook", async () => {
    const plugin = new CountingPlugin(0);
    const timed = withHookTimeouts(plugin, 1_000);
    await expect(timed.onRequest?.(ctx)).resolves.toBeUndefined();
    timed.onStreamEvent?.(ctx, { type: "text-delta", choiceIndex: 0, text: "x" });
    expect(plugin.events).toBe(1);
    expect(timed.name).toBe("counting");
    expect(timed.onResponse).toBeUndefined();
  });
});
