import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { configSchema } from "../config/schema.js";
import type { ChatRequest } from "../contract/chat-request.js";
import {
  type ChatResult,
  PROVIDER_SPECIFICATION_VERSION,
  type ProviderAdapter,
  type UpstreamCall,
} from "../contract/provider-adapter.js";
import { RouteTable } from "../router/route-table.js";
import { HealthRegistry } from "../router/target-health.js";
import { RandomHex } from "../telemetry/random-hex.js";
import { createModelClient } from "./model-client.js";
import { PluginChain } from "./plugin-chain.js";

const request: ChatRequest = {
  model: "main/m",
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  sampling: {},
  stream: false,
  providerOptions: {},
};

/** A provider that answers at once, or (for model "wait") when the call is aborted. */
function provider(): ProviderAdapter {
  const answer: ChatResult = {
    response: { id: "r", model: "m", created: 1, choices: [] },
    timing: { upstreamMs: 1 },
  };
  return {
    specificationVersion: PROVIDER_SPECIFICATION_VERSION,
    name: "main",
    type: "openai",
    models: [],
    chat: (_request: ChatRequest, call: UpstreamCall) =>
      call.upstreamModel !== "wait"
        ? Promise.resolve(answer)
        : new Promise((_resolve, reject) => call.abort.follow(reject)),
    chatStream: () => Promise.reject(new Error("not used")),
    close: async () => {},
  };
}

function modelClient() {
  const config = configSchema.parse({});
  const runtime = {
    routes: new RouteTable(new Map([["main", provider()]]), {}, new Map(), config.routing.retry),
    plugins: new PluginChain([]),
    health: new HealthRegistry(config.routing.circuitBreaker),
    ids: new RandomHex(),
    config,
  };
  return createModelClient(() => runtime);
}

describe("createModelClient", () => {
  it("leaves no listener on a signal the caller keeps for many calls", async () => {
    const models = modelClient();
    const shutdown = new AbortController();
    for (let index = 0; index < 20; index++) await models.chat(request, { signal: shutdown.signal });
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });

  it("still aborts a call in flight when that signal aborts", async () => {
    const models = modelClient();
    const shutdown = new AbortController();
    const pending = models.chat({ ...request, model: "main/wait" }, { signal: shutdown.signal });
    shutdown.abort(new Error("shutting down"));
    await expect(pending).rejects.toThrow();
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });
});
