import { describe, expect, it } from "vitest";
import { testChatContext } from "../../../test/support/chat-context.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import { GatewayError } from "../../contract/errors.js";
import type { PluginHooks, PluginServices } from "../../contract/plugin.js";
import type { ChatContext, RequestAuth } from "../../contract/request-context.js";
import { cacheOptionsSchema } from "./cache-options.js";
import { cachePlugin } from "./cache-plugin.js";

const services = {
  logger: { info() {}, warn() {}, error() {} },
  configDirectory: ".",
  models: {
    chat: () => Promise.reject(new Error("unused")),
    embed: () => Promise.reject(new Error("unused")),
  },
  storage: { kind: "sqlite" },
} as unknown as PluginServices;

const request: ChatRequest = {
  model: "smart",
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  sampling: {},
  stream: false,
  providerOptions: {},
};

const answer: ChatResponse = {
  id: "chatcmpl-1",
  model: "gpt-4o-mini",
  created: 1,
  choices: [{ index: 0, content: [{ type: "text", text: "Hello" }], finishReason: { unified: "stop", raw: "stop" } }],
  usage: { inputTokens: 5, outputTokens: 2, totalTokens: 7 },
};

let requestCounter = 0;
function context(auth?: RequestAuth): ChatContext {
  return testChatContext({ requestId: `request-${++requestCounter}`, auth, request: structuredClone(request) });
}

async function create(options: Record<string, unknown>): Promise<PluginHooks> {
  return cachePlugin.create(cacheOptionsSchema.parse(options), services);
}

/** One request through the plugin: a hit returns the cached response, a miss stores `answer`. */
async function run(plugin: PluginHooks, ctx: ChatContext): Promise<ChatResponse | undefined> {
  const reply = await plugin.onRequest?.(ctx);
  if (reply) return reply.response;
  ctx.response = answer;
  await plugin.onResponse?.(ctx);
  await new Promise((resolve) => setImmediate(resolve));
  return undefined;
}

const keyA: RequestAuth = { keyId: "a", projectId: "p", metadata: {} };
const keyB: RequestAuth = { keyId: "b", projectId: "p", metadata: {} };

describe("cache plugin", () => {
  it("keeps each key's entries apart by default", async () => {
    const plugin = await create({ backend: "memory" });
    await run(plugin, context(keyA));
    expect(await run(plugin, context(keyB))).toBeUndefined();
    const hit = context(keyA);
    expect(await run(plugin, hit)).toEqual(answer);
    expect(hit.logFields).toMatchObject({ cacheStatus: "hit", cacheSavedInputTokens: 5, cacheSavedOutputTokens: 2 });
    expect(hit.logFields.costSavedUsd).toBeGreaterThan(0);
    expect(hit.responseHeaders["x-switchyard-cache"]).toBe("hit");
  });

  it("shares entries within a project, and with everyone when shared", async () => {
    const project = await create({ backend: "memory", namespace: "project" });
    await run(project, context(keyA));
    expect(await run(project, context(keyB))).toEqual(answer);
    expect(await run(project, context())).toBeUndefined();
    const shared = await create({ backend: "memory", namespace: "shared" });
    await run(shared, context(keyA));
    expect(await run(shared, context())).toEqual(answer);
  });

  it("releases waiters when the leading request fails, so they go upstream themselves", async () => {
    const plugin = await create({ backend: "memory" });
    const leader = context();
    expect(await plugin.onRequest?.(leader)).toBeUndefined();
    const follower = context();
    const waiting = plugin.onRequest?.(follower);
    await plugin.onError?.(leader, new GatewayError("upstream_error", "upstream failed"));
    expect(await waiting).toBeUndefined();
    expect(follower.logFields.cacheStatus).toBe("miss");
  });
});
