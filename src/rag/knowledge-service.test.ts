import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { bagOfWordsEmbedding } from "../../test/support/mock-openai/embeddings.js";
import type { Storage } from "../stores/storage.js";
import { KnowledgeService } from "./knowledge-service.js";
import { retrievalOptionsSchema } from "./retrieval/retrieval-options.js";

const POSTGRES_URL = process.env.SWITCHYARD_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const EMBEDDER = "mock/mock-bag-of-words";
/** The mock upstream's bag-of-words model, computed in process: texts sharing words are similar. */
const embed = async (_model: string, texts: string[]) => texts.map((text) => bagOfWordsEmbedding(text));
const open = (storage: Storage) =>
  KnowledgeService.open({ storage, embed, flatSearchLimit: 10_000, embedBatchSize: 2, warn: () => {} });
const base = (name: string) => ({
  name,
  embedder: EMBEDDER,
  chunk: { size: 200, overlap: 0, strategy: "recursive" as const },
  access: { keys: [], projects: [] },
  createdAt: new Date().toISOString(),
});
const options = (overrides: Record<string, unknown> = {}) => retrievalOptionsSchema.parse(overrides);

async function exercise(service: KnowledgeService): Promise<void> {
  await service.createKnowledgeBase(base("docs"));
  await expect(service.createKnowledgeBase(base("docs"))).rejects.toMatchObject({ code: "knowledge_base_exists" });
  const added = await service.addDocument("docs", {
    text: "Refunds are paid within fourteen days.\n\nShipping takes three working days to Europe.",
    source: "policy.md",
    metadata: { lang: "en" },
  });
  expect(added.status).toBe("created");
  await service.addDocument("docs", {
    text: "Rückerstattungen werden innerhalb von vierzehn Tagen gezahlt.",
    source: "policy.de.md",
    metadata: { lang: "de" },
  });
  await service.addDocument("docs", {
    text: "Our office cat is called Pixel and sleeps all day.",
    url: "https://example.com/cat",
    metadata: { lang: "en" },
  });

  const found = await service.search(["docs"], "how many days until refunds are paid", options({ topK: 1 }));
  expect(found[0]).toMatchObject({ source: "policy.md", knowledgeBase: "docs", metadata: { lang: "en" } });
  expect(found[0]?.text).toContain("Refunds are paid");

  const german = await service.search(["docs"], "refunds", options({ filter: { lang: "de" } }));
  expect(german.map((chunk) => chunk.source)).toEqual(["policy.de.md"]);

  const thresholded = await service.search(["docs"], "Pixel the cat", options({ threshold: 0.3 }));
  expect(thresholded.map((chunk) => chunk.url)).toEqual(["https://example.com/cat"]);

  const hybrid = await service.search(["docs"], "shipping europe", options({ hybrid: true, topK: 2 }));
  expect(hybrid[0]?.text).toContain("Shipping");

  // Re-ingesting the same text changes nothing; a changed page replaces its chunks.
  const again = await service.addDocument("docs", {
    text: "Our office cat is called Pixel and sleeps all day.",
    url: "https://example.com/cat",
    metadata: { lang: "en" },
  });
  expect(again.status).toBe("unchanged");
  const changed = await service.addDocument("docs", {
    text: "Our office dog is called Byte and barks all day.",
    url: "https://example.com/cat",
    metadata: { lang: "en" },
  });
  expect(changed.status).toBe("updated");
  expect(changed.document.id).toBe(again.document.id);
  const dog = await service.search(["docs"], "dog Byte barks", options({ topK: 1 }));
  expect(dog[0]?.text).toContain("Byte");
  expect(service.list()[0]).toMatchObject({ name: "docs", documents: 3 });

  await service.deleteDocument("docs", changed.document.id);
  const afterDelete = await service.search(["docs"], "dog Byte barks", options({ threshold: 0.3 }));
  expect(afterDelete).toEqual([]);
  await expect(service.deleteDocument("docs", changed.document.id)).rejects.toMatchObject({
    code: "document_not_found",
  });
}

describe("KnowledgeService on SQLite", () => {
  it("creates, ingests, searches (vector, filter, threshold, hybrid), re-ingests and deletes", async () => {
    const database = new Database(":memory:");
    const storage: Storage = { kind: "sqlite", database, ping: async () => {}, close: async () => {} };
    const service = await open(storage);
    await exercise(service);
    // A new instance on the same file loads the index from the store.
    const reopened = await open(storage);
    expect(reopened.list()).toMatchObject([{ name: "docs", documents: 2 }]);
    const found = await reopened.search(["docs"], "shipping to europe", options({ topK: 1 }));
    expect(found[0]?.text).toContain("Shipping");
    await reopened.deleteKnowledgeBase("docs");
    expect(reopened.list()).toEqual([]);
    await expect(reopened.search(["docs"], "x", options())).rejects.toMatchObject({ code: "knowledge_base_not_found" });
    database.close();
  });
});

describe("KnowledgeService on PostgreSQL", () => {
  const schema = `kb_test_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 1 });
  const pools: pg.Pool[] = [];
  const pool = () => {
    const created = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}`, max: 4 });
    pools.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(pools.map((created) => created.end()));
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it("behaves as on SQLite, and a second instance's index follows through LISTEN/NOTIFY", async () => {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const storageA: Storage = { kind: "postgres", pool: pool(), ping: async () => {}, close: async () => {} };
    const storageB: Storage = { kind: "postgres", pool: pool(), ping: async () => {}, close: async () => {} };
    const first = await open(storageA);
    const second = await open(storageB);
    try {
      await exercise(first);
      await eventually(() => expect(second.list()).toMatchObject([{ name: "docs", documents: 2 }]));
      await first.addDocument("docs", { text: "Invoices are sent on the first of the month.", source: "billing.md" });
      await eventually(async () => {
        const found = await second.search(["docs"], "when are invoices sent", options({ topK: 1 }));
        expect(found[0]?.source).toBe("billing.md");
      });
      await first.updateKnowledgeBase("docs", { access: { keys: ["key_1"], projects: [] } });
      await eventually(() => expect(second.get("docs").record.access).toEqual({ keys: ["key_1"], projects: [] }));
      await first.deleteKnowledgeBase("docs");
      await eventually(() => expect(second.has("docs")).toBe(false));
    } finally {
      await first.close();
      await second.close();
    }
  });
});

async function eventually(check: () => unknown | Promise<unknown>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}
