import { describe, expect, it } from "vitest";
import { type ChatContext, type PluginServices, testChatContext } from "../../../../src/index.js";
import wordFilter from "./word-filter.js";

const services: PluginServices = {
  configDirectory: ".",
  logger: { info() {}, warn() {}, error() {} },
  models: { chat: () => Promise.reject(new Error("unused")), embed: () => Promise.reject(new Error("unused")) },
};

function contextSaying(text: string): ChatContext {
  return testChatContext({
    request: {
      model: "any",
      messages: [{ role: "user", content: [{ type: "text", text }] }],
      sampling: {},
      stream: false,
      providerOptions: {},
    },
  });
}

describe("word-filter", () => {
  it("refuses a prompt with a listed word, in any case, and sets its header", async () => {
    const plugin = await wordFilter.create({ words: ["banana"], action: "block" }, services);
    const ctx = contextSaying("I like Banana bread");
    expect(() => plugin.onRequest?.(ctx)).toThrow('word-filter: the word "Banana" is not allowed.');
    expect(ctx.responseHeaders["x-word-filter"]).toBe("block");
  });

  it("lets other prompts through unchanged", async () => {
    const plugin = await wordFilter.create({ words: ["banana"], action: "block" }, services);
    const ctx = contextSaying("bananas are not the word");
    await plugin.onRequest?.(ctx);
    expect(ctx.request.messages[0]?.content).toEqual([{ type: "text", text: "bananas are not the word" }]);
  });

  it("masks listed words in prompts and stream deltas", async () => {
    const plugin = await wordFilter.create({ words: ["banana", "kiwi"], action: "mask" }, services);
    const ctx = contextSaying("banana and KIWI");
    await plugin.onRequest?.(ctx);
    expect(ctx.request.messages[0]?.content).toEqual([{ type: "text", text: "****** and ****" }]);
    expect(plugin.onStreamEvent?.(ctx, { type: "text-delta", choiceIndex: 0, text: "a kiwi!" })).toEqual({
      type: "text-delta",
      choiceIndex: 0,
      text: "a ****!",
    });
  });

  it("validates its options with its own schema", () => {
    expect(wordFilter.options?.safeParse({ words: [] }).success).toBe(false);
    expect(wordFilter.options?.safeParse({ words: ["x"], action: "shout" }).success).toBe(false);
  });
});
