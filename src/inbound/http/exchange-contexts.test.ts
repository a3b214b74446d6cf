import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import type { Runtime } from "../../app/runtime.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { AbortScope } from "../../outbound/abort-scope.js";
import { RandomHex } from "../../telemetry/random-hex.js";
import type { Exchange } from "./exchange.js";
import { ExchangeChatContext, ExchangeEmbeddingContext } from "./exchange-contexts.js";

function exchangeWith(headers: IncomingMessage["headers"]): Exchange {
  return {
    request: { headers } as IncomingMessage,
    requestId: "req-1",
    runtime: { ids: new RandomHex() } as Runtime,
    abort: new AbortScope(),
  } as Exchange;
}

const chatRequest = (metadata?: Record<string, string>): ChatRequest => ({
  model: "m",
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  sampling: {},
  stream: false,
  providerOptions: {},
  metadata,
});

describe("ExchangeChatContext", () => {
  it("takes the id, headers, metadata and a new trace from the exchange", () => {
    const headers = { "x-switchyard-metadata": '{"team":"a"}' };
    const ctx = new ExchangeChatContext(exchangeWith(headers), "openai-chat", chatRequest({ app: "x" }));
    expect(ctx).toMatchObject({ endpoint: "chat", dialect: "openai-chat", requestId: "req-1", headers });
    expect(ctx.metadata).toEqual({ app: "x", team: "a" });
    expect(ctx.trace.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(ctx.state).toEqual(new Map());
  });

  it("aborts the exchange's scope, which its signal follows", () => {
    const exchange = exchangeWith({});
    const ctx = new ExchangeChatContext(exchange, "openai-chat", chatRequest());
    const { abort } = ctx;
    abort("guard said no");
    expect(exchange.abort.aborted).toBe(true);
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal.reason).toBe("guard said no");
  });

  it("keeps `signal` on the prototype and leaves auth and response unset until given", () => {
    const ctx = new ExchangeChatContext(exchangeWith({}), "anthropic-messages", chatRequest());
    expect(Object.getOwnPropertyDescriptor(ctx, "signal")).toBeUndefined();
    expect("auth" in ctx).toBe(false);
    expect("response" in ctx).toBe(false);
    ctx.auth = { keyId: "k", metadata: {} };
    expect(ctx.auth.keyId).toBe("k");
  });
});

describe("ExchangeEmbeddingContext", () => {
  it("is an embeddings context without an abort of its own", () => {
    const ctx = new ExchangeEmbeddingContext(exchangeWith({}), {
      model: "e",
      input: ["a"],
      encodingFormat: "float",
      providerOptions: {},
    });
    expect(ctx).toMatchObject({ endpoint: "embeddings", dialect: "openai-embeddings", request: { model: "e" } });
    expect("abort" in ctx).toBe(false);
    expect(ctx.signal.aborted).toBe(false);
  });
});
