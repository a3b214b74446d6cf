import { describe, expect, it } from "vitest";
import { type PluginServices, testChatContext } from "../../src/index.js";
import shoutAnswers from "./shout-answers.js";

const services: PluginServices = {
  configDirectory: ".",
  logger: { info() {}, warn() {}, error() {} },
  models: { chat: () => Promise.reject(new Error("unused")), embed: () => Promise.reject(new Error("unused")) },
};

const request = (stream: boolean) => ({ model: "m", messages: [], sampling: {}, stream, providerOptions: {} });

describe("shout-answers", () => {
  it("buffers a streamed request, and leaves the client's stream flag alone", async () => {
    const plugin = await shoutAnswers.create({}, services);
    const ctx = testChatContext({ request: request(true) });
    await plugin.onRequest?.(ctx);
    expect(ctx.streamBuffered).toBe(true);
    expect(ctx.request.stream).toBe(true);
  });

  it("does not buffer a plain request, and shouts the whole answer", async () => {
    const plugin = await shoutAnswers.create({}, services);
    const ctx = testChatContext({ request: request(false) });
    await plugin.onRequest?.(ctx);
    expect(ctx.streamBuffered).toBe(false);
    ctx.response = {
      id: "r",
      model: "m",
      created: 0,
      choices: [
        { index: 0, content: [{ type: "text", text: "hello" }], finishReason: { unified: "stop", raw: "stop" } },
      ],
    };
    await plugin.onResponse?.(ctx);
    expect(ctx.response?.choices[0]?.content).toEqual([{ type: "text", text: "HELLO" }]);
  });
});
