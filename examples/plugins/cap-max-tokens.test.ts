import { describe, expect, it } from "vitest";
import { type ChatContext, testChatContext } from "../../src/index.js";
import capMaxTokens from "./cap-max-tokens.js";

function contextAsking(maxOutputTokens: number | undefined): ChatContext {
  return testChatContext({
    request: {
      model: "smart",
      messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
      sampling: maxOutputTokens === undefined ? {} : { maxOutputTokens },
      stream: false,
      providerOptions: {},
    },
  });
}

describe("cap-max-tokens", () => {
  const services = {
    configDirectory: ".",
    logger: { info() {}, warn() {}, error() {} },
    models: { chat: () => Promise.reject(new Error("unused")), embed: () => Promise.reject(new Error("unused")) },
  };

  it.each([
    ["caps a larger request", 1000, 256, 1000],
    ["sets the cap when none was asked", undefined, 256, null],
  ])("%s", async (_name, asked, expected, loggedFrom) => {
    const plugin = await capMaxTokens.create({ max: 256 }, services);
    const ctx = contextAsking(asked);
    await plugin.onRequest?.(ctx);
    expect(ctx.request.sampling.maxOutputTokens).toBe(expected);
    expect(ctx.logFields.maxTokensCappedFrom).toBe(loggedFrom);
  });

  it("leaves a smaller request alone", async () => {
    const plugin = await capMaxTokens.create({ max: 256 }, services);
    const ctx = contextAsking(100);
    await plugin.onRequest?.(ctx);
    expect(ctx.request.sampling.maxOutputTokens).toBe(100);
    expect(ctx.logFields).toEqual({});
  });

  it("refuses options without max", () => {
    expect(capMaxTokens.options?.safeParse({}).success).toBe(false);
  });
});
