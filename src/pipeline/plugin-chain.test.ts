import { describe, expect, it } from "vitest";
import { testChatContext } from "../../test/support/chat-context.js";
import { GatewayError } from "../contract/errors.js";
import type { Plugin } from "../contract/plugin.js";
import { PluginChain } from "./plugin-chain.js";

const context = () => testChatContext();

function recorder(name: string, calls: string[]): Plugin {
  return {
    name,
    onRequest: () => {
      calls.push(`${name}.request`);
    },
    onResponse: () => {
      calls.push(`${name}.response`);
    },
  };
}

describe("PluginChain", () => {
  it("runs request hooks in order and response hooks in reverse", async () => {
    const calls: string[] = [];
    const chain = new PluginChain([recorder("a", calls)]).extend([recorder("b", calls)]);
    const ctx = context();
    await chain.onRequest(ctx);
    await chain.onResponse(ctx);
    expect(calls).toEqual(["a.request", "b.request", "b.response", "a.response"]);
  });

  it("stops at the first plugin that answers", async () => {
    const calls: string[] = [];
    const answer = { id: "x", model: "m", created: 0, choices: [] };
    const chain = new PluginChain([
      { name: "cache", onRequest: () => ({ response: answer }) },
      recorder("later", calls),
    ]);
    expect(await chain.onRequest(context())).toEqual({ response: answer });
    expect(calls).toEqual([]);
  });

  it("passes a deliberate GatewayError through and wraps anything else naming the plugin", async () => {
    const refusal = new GatewayError("invalid_request", "no");
    const refusing = new PluginChain([{ name: "guard", onRequest: () => Promise.reject(refusal) }]);
    await expect(refusing.onRequest(context())).rejects.toBe(refusal);
    const crashing = new PluginChain([
      {
        name: "buggy",
        onRequest: () => {
          throw new TypeError("x is undefined");
        },
      },
    ]);
    await expect(crashing.onRequest(context())).rejects.toMatchObject({
      code: "plugin_failed",
      status: 500,
      message: 'Plugin "buggy" failed: x is undefined',
    });
  });

  it("lets stream hooks keep, drop or replace events", () => {
    const chain = new PluginChain([
      {
        name: "upper",
        onStreamEvent: (_ctx, event) =>
          event.type === "text-delta" ? { ...event, text: event.text.toUpperCase() } : undefined,
      },
      { name: "drop-usage", onStreamEvent: (_ctx, event) => (event.type === "usage" ? null : undefined) },
    ]);
    expect(chain.hasStreamEventHooks).toBe(true);
    const ctx = context();
    expect(chain.onStreamEvent(ctx, { type: "text-delta", choiceIndex: 0, text: "hi" })).toEqual([
      { type: "text-delta", choiceIndex: 0, text: "HI" },
    ]);
    expect(
      chain.onStreamEvent(ctx, { type: "usage", usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }),
    ).toEqual([]);
  });
});
