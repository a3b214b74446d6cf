import { randomUUID } from "node:crypto";
import { GatewayError } from "../contract/errors.js";
import {
  type KnowledgeChange,
  type KnowledgeChangeFeed,
  listenForKnowledgeChanges,
} from "../stores/knowledge/knowledge-change-feed.js";
import type { DocumentRecord, KnowledgeBaseRecord, KnowledgeStore } from "../stores/knowledge/knowledge-records.js";
import { openKnowledgeStore } from "../stores/knowledge/open-knowledge-store.js";
import type { Storage } from "../stores/storage.js";
import { type DocumentInput, type IngestResult, ingestDocument } from "./ingest-document.js";
import { IngestionJobs } from "./ingestion-jobs.js";
import { LoadedKnowledgeBase } from "./loaded-knowledge-base.js";
import type { RetrievalOptions } from "./retrieval/retrieval-options.js";
import { type EmbedTexts, retrieveChunks } from "./retrieval/retrieve-chunks.js";
import type { ScoredChunk } from "./retrieval/scored-chunk.js";

export interface KnowledgeServiceOptions {
  storage: Storage;
  /** Embeds through the gateway's routing (the current runtime's providers). */
  embed: EmbedTexts;
  flatSearchLimit: number;
  embedBatchSize: number;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface KnowledgeBaseSummary extends KnowledgeBaseRecord {
  documents: number;
  chunks: number;
}

/**
 * The process's knowledge bases: the durable store plus each base's in-memory vector index.
 * With PostgreSQL, every instance's index follows the others' changes through LISTEN/NOTIFY.
 */
export class KnowledgeService {
  private readonly bases = new Map<string, LoadedKnowledgeBase>();
  private feed: KnowledgeChangeFeed | undefined;
  private readonly instanceId = randomUUID();
  /** Changes from other instances, applied one after another so an older one never lands last. */
  private applying: Promise<void> = Promise.resolve();
  /** Crawls and URL ingestions running in this instance. */
  readonly jobs: IngestionJobs = new IngestionJobs(this);

  private constructor(
    readonly store: KnowledgeStore,
    private readonly options: KnowledgeServiceOptions,
  ) {}

  static async open(options: KnowledgeServiceOptions): Promise<KnowledgeService> {
    const service = new KnowledgeService(await openKnowledgeStore(options.storage), options);
    await service.reloadAll();
    if (options.storage.kind === "postgres") {
      service.feed = await listenForKnowledgeChanges(
        options.storage.pool,
        (change) => service.enqueue(() => service.apply(change)),
        () => service.enqueue(() => service.reloadAll()),
        (error) => options.warn("knowledge change feed error", { error: error.message }),
      );
    }
    return service;
  }

  get embed(): EmbedTexts {
    return this.options.embed;
  }

  get embedBatchSize(): number {
    return this.options.embedBatchSize;
  }

  async createKnowledgeBase(record: KnowledgeBaseRecord): Promise<KnowledgeBaseRecord> {
    if (!(await this.store.createKnowledgeBase(record))) {
      throw new GatewayError("knowledge_base_exists", `A knowledge base named "${record.name}" already exists.`);
    }
    this.bases.set(record.name, new LoadedKnowledgeBase(record, this.options.flatSearchLimit));
    await this.publish({ kind: "knowledge-base", knowledgeBase: record.name });
    return record;
  }

  list(): KnowledgeBaseSummary[] {
    return [...this.bases.values()]
      .sort((a, b) => a.record.name.localeCompare(b.record.name))
      .map((base) => this.summary(base));
  }

  summary(base: LoadedKnowledgeBase): KnowledgeBaseSummary {
    return { ...base.record, documents: base.documents.size, chunks: base.chunkCount };
  }

  /** The loaded knowledge base, or a 404 error naming it. */
  get(name: string): LoadedKnowledgeBase {
    const base = this.bases.get(name);
    if (!base) throw new GatewayError("knowledge_base_not_found", `There is no knowledge base named "${name}".`);
    return base;
  }

  has(name: string): boolean {
    return this.bases.has(name);
  }

  /** Changes access and description; other instances reload the record. */
  async updateKnowledgeBase(
    name: string,
    change: { description?: string; access?: KnowledgeBaseRecord["access"] },
  ): Promise<KnowledgeBaseRecord> {
    const base = this.get(name);
    const record = {
      ...base.record,
      description: change.description ?? base.record.description,
      access: change.access ?? base.record.access,
    };
    await this.store.updateKnowledgeBase(name, record);
    base.record = record;
    await this.publish({ kind: "knowledge-base", knowledgeBase: name });
    return record;
  }

  async deleteKnowledgeBase(name: string): Promise<void> {
    this.get(name);
    await this.store.deleteKnowledgeBase(name);
    this.bases.delete(name);
    await this.publish({ kind: "knowledge-base", knowledgeBase: name });
  }

  async addDocument(name: string, input: DocumentInput, embed: EmbedTexts = this.options.embed): Promise<IngestResult> {
    const base = this.get(name);
    if (input.id && !base.documents.has(input.id)) {
      throw new GatewayError("document_not_found", `Knowledge base "${name}" has no document "${input.id}".`);
    }
    const result = await ingestDocument(this.store, base.record, input, embed, this.options.embedBatchSize);
    if (result.status !== "unchanged") {
      base.setDocument(
        result.document,
        result.document.id,
        result.chunkIds.map((id, index) => ({
          id,
          documentId: result.document.id,
          vector: result.vectors[index] as Float32Array,
        })),
      );
      await this.publish({ kind: "document", knowledgeBase: name, documentId: result.document.id });
    }
    return result;
  }

  documents(name: string): DocumentRecord[] {
    return [...this.get(name).documents.values()];
  }

  document(name: string, id: string): DocumentRecord {
    const document = this.get(name).documents.get(id);
    if (!document) throw new GatewayError("document_not_found", `Knowledge base "${name}" has no document "${id}".`);
    return document;
  }

  async deleteDocument(name: string, id: string): Promise<void> {
    const base = this.get(name);
    this.document(name, id);
    await this.store.deleteDocument(name, id);
    base.setDocument(undefined, id, []);
    await this.publish({ kind: "document", knowledgeBase: name, documentId: id });
  }

  /** Retrieval across knowledge bases (unknown names are an error). */
  async search(
    names: readonly string[],
    query: string,
    options: RetrievalOptions,
    embed: EmbedTexts = this.options.embed,
  ): Promise<ScoredChunk[]> {
    const bases = names.map((name) => this.get(name));
    return retrieveChunks(bases, this.store, embed, query, options);
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    await this.feed?.close();
  }

  private enqueue(work: () => Promise<void>): void {
    this.applying = this.applying
      .then(work)
      .catch((error: Error) => this.options.warn("knowledge sync failed", { error: error.message }));
  }

  private async publish(change: KnowledgeChange): Promise<void> {
    change.origin = this.instanceId;
    await this.feed
      ?.publish(change)
      .catch((error: Error) => this.options.warn("knowledge change not published", { error: error.message }));
  }

  /** Another instance (or this one) changed something: reload just that from the store. */
  private async apply(change: KnowledgeChange): Promise<void> {
    if (change.origin === this.instanceId) return;
    if (change.kind === "knowledge-base") {
      const record = await this.store.getKnowledgeBase(change.knowledgeBase);
      const loaded = this.bases.get(change.knowledgeBase);
      if (!record) this.bases.delete(change.knowledgeBase);
      else if (!loaded) this.bases.set(record.name, await this.load(record));
      else loaded.record = record;
      return;
    }
    const base = this.bases.get(change.knowledgeBase);
    if (!base) return;
    const document = await this.store.getDocument(change.knowledgeBase, change.documentId);
    const chunks = document
      ? await this.store.chunkVectors(change.knowledgeBase, base.record.embedder, change.documentId)
      : [];
    base.setDocument(document, change.documentId, chunks);
  }

  private async reloadAll(): Promise<void> {
    const records = await this.store.listKnowledgeBases();
    const loaded = await Promise.all(records.map((record) => this.load(record)));
    this.bases.clear();
    for (const base of loaded) this.bases.set(base.record.name, base);
  }

  private async load(record: KnowledgeBaseRecord): Promise<LoadedKnowledgeBase> {
    const base = new LoadedKnowledgeBase(record, this.options.flatSearchLimit);
    const documents = await this.store.listDocuments(record.name);
    const vectors = await this.store.chunkVectors(record.name, record.embedder);
    const byDocument = new Map<string, typeof vectors>();
    for (const chunk of vectors) {
      const list = byDocument.get(chunk.documentId) ?? [];
      list.push(chunk);
      byDocument.set(chunk.documentId, list);
    }
    for (const document of documents) base.setDocument(document, document.id, byDocument.get(document.id) ?? []);
    return base;
  }
}
