import { describe, expect, it } from "vitest";
import { GatewayError, type PluginServices, testChatContext } from "../../src/index.js";
import requestTimer from "./request-timer.js";

const services: PluginServices = {
  configDirectory: ".",
  logger: { info() {}, warn() {}, error() {} },
  models: { chat: () => Promise.reject(new Error("unused")), embed: () => Promise.reject(new Error("unused")) },
};

describe("request-timer", () => {
  it("times the request around next(), and the answer with the state it shares", async () => {
    const plugin = await requestTimer.create({}, services);
    const ctx = testChatContext();
    // `next` stands for the rest of the request: here, the upstream answering after 20 ms.
    await plugin.wrapChat?.(ctx, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await plugin.onResponse?.(ctx);
    });
    expect(ctx.logFields.outcome).toBe("sent");
    expect(ctx.logFields.answeredMs).toBeGreaterThanOrEqual(15);
    expect(ctx.logFields.totalMs).toBeGreaterThanOrEqual(ctx.logFields.answeredMs as number);
  });

  it("notes the error the request failed with, and lets it through", async () => {
    const plugin = await requestTimer.create({}, services);
    const ctx = testChatContext();
    const failure = new GatewayError("upstream_timeout", "too slow");
    await expect(plugin.wrapChat?.(ctx, () => Promise.reject(failure))).rejects.toBe(failure);
    expect(ctx.logFields.outcome).toBe("upstream_timeout");
    expect(ctx.logFields.totalMs).toBeTypeOf("number");
  });
});
