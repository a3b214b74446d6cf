import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { testChatContext } from "../../../test/support/chat-context.js";
import { bagOfWordsEmbedding } from "../../../test/support/mock-openai/embeddings.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import type { ModelClient, PluginHooks } from "../../contract/plugin.js";
import type { ChatContext, RequestAuth } from "../../contract/request-context.js";
import { KnowledgeService } from "../../rag/knowledge-service.js";
import { ragPlugin } from "./rag-plugin.js";

const embed = async (_model: string, texts: string[]) => texts.map((text) => bagOfWordsEmbedding(text));
let knowledge: KnowledgeService;
const chats: ChatRequest[] = [];
const models: ModelClient = {
  embed: (model, input) => embed(model, input),
  async chat(request): Promise<ChatResponse> {
    chats.push(request);
    return {
      id: "rewrite",
      model: request.model,
      created: 0,
      choices: [
        {
          index: 0,
          finishReason: { unified: "stop", raw: "stop" },
          content: [{ type: "text", text: "refund period for orders" }],
        },
      ],
    };
  },
};

beforeAll(async () => {
  const database = new Database(":memory:");
  knowledge = await KnowledgeService.open({
    storage: { kind: "sqlite", database, ping: async () => {}, close: async () => {} },
    embed,
    flatSearchLimit: 10_000,
    embedBatchSize: 8,
    warn: () => {},
  });
  const record = (name: string, access = { keys: [] as string[], projects: [] as string[] }) => ({
    name,
    embedder: "mock/mock-bag-of-words",
    chunk: { size: 400, overlap: 0, strategy: "recursive" as const },
    access,
    createdAt: new Date().toISOString(),
  });
  await knowledge.createKnowledgeBase(record("public"));
  await knowledge.createKnowledgeBase(record("secret", { keys: ["key_1"], projects: ["proj_a"] }));
  await knowledge.addDocument("public", {
    text: "The refund period for orders is fourteen days.",
    source: "refunds.md",
  });
  await knowledge.addDocument("secret", { text: "The refund override code is 7781.", source: "internal.md" });
});

async function plugin(options: Record<string, unknown>): Promise<PluginHooks> {
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  const parsed = ragPlugin.options?.safeParse(options);
  if (!parsed?.success) throw new Error("bad options");
  return ragPlugin.create(parsed.data, { logger, configDirectory: ".", models, knowledge } as never);
}

function context(text: string, headers: Record<string, string> = {}, auth?: RequestAuth): ChatContext {
  return testChatContext({
    requestId: "r1",
    headers,
    auth,
    request: {
      model: "m",
      messages: [
        { role: "system", content: [{ type: "text", text: "Be brief." }] },
        { role: "user", content: [{ type: "text", text }] },
      ],
      sampling: {},
      stream: false,
      providerOptions: {},
    },
  });
}

describe("the rag plugin", () => {
  it("injects context after the system messages and records the sources in the log fields", async () => {
    const rag = await plugin({ knowledgeBases: ["public"], topK: 2 });
    const ctx = context("How long is the refund period for orders?");
    await rag.onRequest?.(ctx);
    expect(ctx.request.messages.map((message) => message.role)).toEqual(["system", "system", "user"]);
    expect(ctx.request.messages[1]?.content[0]).toMatchObject({
      text: expect.stringContaining("[1] refunds.md\nThe refund period for orders is fourteen days."),
    });
    expect(ctx.logFields.ragSources).toEqual([
      expect.objectContaining({ index: 1, knowledgeBase: "public", source: "refunds.md", score: expect.any(Number) }),
    ]);
    expect(ctx.logFields.ragKnowledgeBases).toEqual(["public"]);
    expect(JSON.parse(ctx.responseHeaders["x-switchyard-rag-sources"] ?? "")[0]).toMatchObject({
      source: "refunds.md",
    });
  });

  it("uses a restricted knowledge base only for its keys and projects", async () => {
    const rag = await plugin({ knowledgeBases: ["secret"] });
    const anonymous = context("refund override code");
    await rag.onRequest?.(anonymous);
    expect(anonymous.request.messages).toHaveLength(2);
    expect(anonymous.logFields.ragSkipped).toEqual([{ knowledgeBase: "secret", reason: "not allowed for this key" }]);
    const member = context("refund override code", {}, { keyId: "key_9", projectId: "proj_a", metadata: {} });
    await rag.onRequest?.(member);
    expect(member.logFields.ragSources).toEqual([expect.objectContaining({ source: "internal.md" })]);
    await expect(rag.onRequest?.(context("code", { "x-switchyard-rag": "secret" }))).rejects.toMatchObject({
      code: "knowledge_base_forbidden",
    });
  });

  it("takes knowledge bases from the key's metadata", async () => {
    const rag = await plugin({});
    const ctx = context("refund period", {}, { keyId: "key_1", metadata: { rag: "public; secret" } });
    await rag.onRequest?.(ctx);
    expect(ctx.logFields.ragKnowledgeBases).toEqual(["public", "secret"]);
  });

  it("rewrites the question with the configured model before searching", async () => {
    chats.length = 0;
    const rag = await plugin({ knowledgeBases: ["public"], rewrite: { model: "small" } });
    const ctx = context("and how long is it?");
    await rag.onRequest?.(ctx);
    expect(chats[0]?.model).toBe("small");
    expect(ctx.logFields.ragQuery).toBe("refund period for orders");
    expect(ctx.logFields.ragSources).toEqual([expect.objectContaining({ source: "refunds.md" })]);
  });

  it("answers without context when retrieval fails, unless onError is fail", async () => {
    const failing = { ...models, embed: async () => Promise.reject(new Error("embedder down")) };
    const logger = { info: () => {}, warn: () => {}, error: () => {} };
    const make = (onError: string) => {
      const parsed = ragPlugin.options?.safeParse({ knowledgeBases: ["public"], onError });
      if (!parsed?.success) throw new Error("bad options");
      return ragPlugin.create(parsed.data, { logger, configDirectory: ".", models: failing, knowledge } as never);
    };
    const lenient = context("refund period");
    await (await make("continue")).onRequest?.(lenient);
    expect(lenient.logFields.ragError).toBe("embedder down");
    expect(lenient.request.messages).toHaveLength(2);
    await expect((await make("fail")).onRequest?.(context("refund period"))).rejects.toMatchObject({
      code: "plugin_failed",
    });
  });
});
