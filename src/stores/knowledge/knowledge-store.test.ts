import { afterAll, describe, expect, it } from "vitest";
import { testStorages } from "../../../test/support/test-storage.js";
import type { DocumentRecord, KnowledgeBaseRecord, KnowledgeStore } from "./knowledge-records.js";
import { openKnowledgeStore } from "./open-knowledge-store.js";

const storages = testStorages("knowledge_store");
afterAll(() => storages.close());

async function open(kind: "sqlite" | "postgres"): Promise<KnowledgeStore> {
  return openKnowledgeStore(await storages.open(kind));
}

function base(name: string): KnowledgeBaseRecord {
  return {
    name,
    embedder: "mock/embed",
    chunk: { size: 400, overlap: 40, strategy: "sentence" },
    description: "the handbook",
    access: { keys: ["key_1"], projects: [] },
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

function document(id: string, knowledgeBase: string, overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id,
    knowledgeBase,
    source: `${id}.md`,
    metadata: { lang: "en" },
    contentHash: `hash-${id}`,
    chunkCount: 2,
    createdAt: "2026-01-02T00:00:00.000Z",
    updatedAt: "2026-01-02T00:00:00.000Z",
    ...overrides,
  };
}

const vector = (...values: number[]) => new Float32Array(values);

describe.each(["sqlite", "postgres"] as const)("the %s knowledge store", (kind) => {
  it("keeps knowledge bases and changes only their description and access", async () => {
    const store = await open(kind);
    const name = `kb_a_${kind}`;
    expect(await store.createKnowledgeBase(base(name))).toBe(true);
    expect(await store.createKnowledgeBase(base(name))).toBe(false);
    expect(await store.getKnowledgeBase(name)).toEqual(base(name));
    expect(await store.updateKnowledgeBase(name, { access: { keys: [], projects: ["p"] } })).toBe(true);
    expect(await store.getKnowledgeBase(name)).toEqual({
      ...base(name),
      description: undefined,
      access: { keys: [], projects: ["p"] },
    });
    expect(await store.updateKnowledgeBase("missing", { access: { keys: [], projects: [] } })).toBe(false);
    expect((await store.listKnowledgeBases()).map((record) => record.name)).toContain(name);
    expect(await store.getKnowledgeBase("missing")).toBeUndefined();
  });

  it("replaces a document's chunks and reads their vectors and texts back", async () => {
    const store = await open(kind);
    const name = `kb_b_${kind}`;
    await store.createKnowledgeBase(base(name));
    const first = document(`doc_b1_${kind}`, name, { url: "https://example.com/a", title: "A" });
    const ids = await store.replaceDocument(first, "mock/embed", [
      { text: "refunds take thirty days", vector: vector(1, 0) },
      { text: "shipping is free", vector: vector(0, 1) },
    ]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBeLessThan(ids[1] as number);
    expect(await store.getDocument(name, first.id)).toEqual({ ...first, url: "https://example.com/a", title: "A" });
    expect((await store.findDocument(name, { url: "https://example.com/a" }))?.id).toBe(first.id);
    expect((await store.findDocument(name, { source: first.source }))?.id).toBe(first.id);
    expect(await store.findDocument(name, {})).toBeUndefined();

    const vectors = (await store.chunkVectors(name, "mock/embed")).sort((a, b) => a.id - b.id);
    expect(vectors.map((chunk) => [chunk.id, chunk.documentId, [...chunk.vector]])).toEqual([
      [ids[0], first.id, [1, 0]],
      [ids[1], first.id, [0, 1]],
    ]);
    expect(await store.chunkVectors(name, "other/embed")).toEqual([]);
    const texts = await store.chunkTexts([ids[1] as number]);
    expect(texts).toEqual([{ id: ids[1], documentId: first.id, text: "shipping is free" }]);
    expect(await store.chunkTexts([])).toEqual([]);

    const again = await store.replaceDocument(
      { ...first, chunkCount: 1, updatedAt: "2026-01-03T00:00:00.000Z" },
      "mock/embed",
      [{ text: "refunds take fourteen days", vector: vector(0.6, 0.8) }],
    );
    expect(await store.chunkVectors(name, "mock/embed", first.id)).toHaveLength(1);
    expect((await store.chunkVectors(name, "mock/embed", first.id))[0]?.id).toBe(again[0]);
    expect((await store.getDocument(name, first.id))?.updatedAt).toBe("2026-01-03T00:00:00.000Z");
    expect(await store.replaceDocument(document(`doc_b2_${kind}`, name), "mock/embed", [])).toEqual([]);
    expect((await store.listDocuments(name)).map((record) => record.id)).toEqual([first.id, `doc_b2_${kind}`]);
  });

  it("gives a long document's chunk ids in the order of its chunks", async () => {
    const store = await open(kind);
    const name = `kb_long_${kind}`;
    await store.createKnowledgeBase(base(name));
    const chunks = Array.from({ length: 1_100 }, (_, index) => ({ text: `chunk ${index}`, vector: vector(index) }));
    const ids = await store.replaceDocument(document(`doc_long_${kind}`, name), "mock/embed", chunks);
    expect(ids).toHaveLength(1_100);
    const texts = await store.chunkTexts([ids[0] as number, ids[777] as number, ids[1_099] as number]);
    expect(new Map(texts.map((row) => [row.id, row.text]))).toEqual(
      new Map([
        [ids[0], "chunk 0"],
        [ids[777], "chunk 777"],
        [ids[1_099], "chunk 1099"],
      ]),
    );
  });

  it("ranks chunks by keywords within one knowledge base", async () => {
    const store = await open(kind);
    const name = `kb_c_${kind}`;
    await store.createKnowledgeBase(base(name));
    await store.createKnowledgeBase(base(`${name}_other`));
    const [refunds, shipping] = await store.replaceDocument(document(`doc_c_${kind}`, name), "mock/embed", [
      { text: "Refunds are paid within thirty days of a return.", vector: vector(1, 0) },
      { text: "Shipping is free for orders over fifty euros.", vector: vector(0, 1) },
    ]);
    await store.replaceDocument(document(`doc_c_other_${kind}`, `${name}_other`), "mock/embed", [
      { text: "Refunds elsewhere.", vector: vector(1, 0) },
    ]);
    expect(await store.keywordSearch(name, "how do refunds work?", 5)).toEqual([refunds]);
    expect(await store.keywordSearch(name, "free shipping", 5)).toEqual([shipping]);
    expect(await store.keywordSearch(name, "what is the", 5)).toEqual([]);
  });

  it("deletes documents and knowledge bases with their chunks", async () => {
    const store = await open(kind);
    const name = `kb_d_${kind}`;
    await store.createKnowledgeBase(base(name));
    await store.replaceDocument(document(`doc_d1_${kind}`, name), "mock/embed", [{ text: "one", vector: vector(1) }]);
    await store.replaceDocument(document(`doc_d2_${kind}`, name), "mock/embed", [{ text: "two", vector: vector(1) }]);
    expect(await store.deleteDocument(name, `doc_d1_${kind}`)).toBe(true);
    expect(await store.deleteDocument(name, `doc_d1_${kind}`)).toBe(false);
    expect((await store.chunkVectors(name, "mock/embed")).map((chunk) => chunk.documentId)).toEqual([`doc_d2_${kind}`]);
    expect(await store.deleteKnowledgeBase(name)).toBe(true);
    expect(await store.deleteKnowledgeBase(name)).toBe(false);
    expect(await store.chunkVectors(name, "mock/embed")).toEqual([]);
    expect(await store.listDocuments(name)).toEqual([]);
  });
});
