import type { Database } from "better-sqlite3";
import {
  bytesToVector,
  type ChunkStrategy,
  type ChunkText,
  type ChunkVector,
  type DocumentRecord,
  type KnowledgeBaseRecord,
  type KnowledgeStore,
  keywordTerms,
  type NewChunk,
  vectorToBytes,
} from "./knowledge-records.js";

interface BaseRow {
  name: string;
  embedder: string;
  chunk_size: number;
  chunk_overlap: number;
  chunk_strategy: string;
  description: string | null;
  access: string;
  created_at: string;
}

interface DocumentRow {
  id: string;
  knowledge_base: string;
  source: string | null;
  url: string | null;
  title: string | null;
  metadata: string;
  content_hash: string;
  chunk_count: number;
  created_at: string;
  updated_at: string;
}

/** Knowledge bases in the gateway's SQLite file (the tables come from knowledgeMigrations). */
export function createSqliteKnowledgeStore(database: Database): KnowledgeStore {
  // The connection is shared with other features, so foreign keys stay as they are: chunks are deleted explicitly.
  const insertChunk = database.prepare(
    "INSERT INTO knowledge_chunks (knowledge_base, document_id, position, text, embedder, vector) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const upsertDocument = database.prepare(
    `INSERT INTO knowledge_documents (id, knowledge_base, source, url, title, metadata, content_hash, chunk_count, created_at, updated_at)
     VALUES (@id, @knowledge_base, @source, @url, @title, @metadata, @content_hash, @chunk_count, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET source = excluded.source, url = excluded.url, title = excluded.title,
       metadata = excluded.metadata, content_hash = excluded.content_hash, chunk_count = excluded.chunk_count,
       updated_at = excluded.updated_at`,
  );
  const replace = database.transaction((document: DocumentRecord, embedder: string, chunks: readonly NewChunk[]) => {
    upsertDocument.run(toDocumentRow(document));
    database.prepare("DELETE FROM knowledge_chunks WHERE document_id = ?").run(document.id);
    return chunks.map((chunk, position) =>
      Number(
        insertChunk.run(
          document.knowledgeBase,
          document.id,
          position,
          chunk.text,
          embedder,
          vectorToBytes(chunk.vector),
        ).lastInsertRowid,
      ),
    );
  });
  const deleteBase = database.transaction((name: string) => {
    database.prepare("DELETE FROM knowledge_chunks WHERE knowledge_base = ?").run(name);
    database.prepare("DELETE FROM knowledge_documents WHERE knowledge_base = ?").run(name);
    return database.prepare("DELETE FROM knowledge_bases WHERE name = ?").run(name).changes > 0;
  });
  const deleteDocument = database.transaction((knowledgeBase: string, id: string) => {
    database
      .prepare("DELETE FROM knowledge_chunks WHERE document_id = ? AND knowledge_base = ?")
      .run(id, knowledgeBase);
    return (
      database.prepare("DELETE FROM knowledge_documents WHERE id = ? AND knowledge_base = ?").run(id, knowledgeBase)
        .changes > 0
    );
  });

  return {
    async createKnowledgeBase(record) {
      const result = database
        .prepare(
          "INSERT OR IGNORE INTO knowledge_bases (name, embedder, chunk_size, chunk_overlap, chunk_strategy, description, access, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          record.name,
          record.embedder,
          record.chunk.size,
          record.chunk.overlap,
          record.chunk.strategy,
          record.description ?? null,
          JSON.stringify(record.access),
          record.createdAt,
        );
      return result.changes > 0;
    },
    async listKnowledgeBases() {
      return (database.prepare("SELECT * FROM knowledge_bases ORDER BY name").all() as BaseRow[]).map(fromBaseRow);
    },
    async getKnowledgeBase(name) {
      const row = database.prepare("SELECT * FROM knowledge_bases WHERE name = ?").get(name) as BaseRow | undefined;
      return row ? fromBaseRow(row) : undefined;
    },
    async deleteKnowledgeBase(name) {
      return deleteBase(name);
    },
    async updateKnowledgeBase(name, change) {
      const result = database
        .prepare("UPDATE knowledge_bases SET description = ?, access = ? WHERE name = ?")
        .run(change.description ?? null, JSON.stringify(change.access), name);
      return result.changes > 0;
    },
    async listDocuments(knowledgeBase) {
      const rows = database
        .prepare("SELECT * FROM knowledge_documents WHERE knowledge_base = ? ORDER BY created_at, id")
        .all(knowledgeBase) as DocumentRow[];
      return rows.map(fromDocumentRow);
    },
    async getDocument(knowledgeBase, id) {
      const row = database
        .prepare("SELECT * FROM knowledge_documents WHERE knowledge_base = ? AND id = ?")
        .get(knowledgeBase, id) as DocumentRow | undefined;
      return row ? fromDocumentRow(row) : undefined;
    },
    async findDocument(knowledgeBase, key) {
      const [column, value] = key.url ? ["url", key.url] : ["source", key.source];
      if (!value) return undefined;
      const row = database
        .prepare(`SELECT * FROM knowledge_documents WHERE knowledge_base = ? AND ${column} = ? LIMIT 1`)
        .get(knowledgeBase, value) as DocumentRow | undefined;
      return row ? fromDocumentRow(row) : undefined;
    },
    async replaceDocument(document, embedder, chunks) {
      return replace(document, embedder, chunks);
    },
    async deleteDocument(knowledgeBase, id) {
      return deleteDocument(knowledgeBase, id);
    },
    async chunkVectors(knowledgeBase, embedder, documentId) {
      const rows = (
        documentId
          ? database
              .prepare(
                "SELECT id, document_id, vector FROM knowledge_chunks WHERE knowledge_base = ? AND embedder = ? AND document_id = ?",
              )
              .all(knowledgeBase, embedder, documentId)
          : database
              .prepare("SELECT id, document_id, vector FROM knowledge_chunks WHERE knowledge_base = ? AND embedder = ?")
              .all(knowledgeBase, embedder)
      ) as Array<{ id: number; document_id: string; vector: Buffer }>;
      return rows.map(
        (row): ChunkVector => ({ id: row.id, documentId: row.document_id, vector: bytesToVector(row.vector) }),
      );
    },
    async chunkTexts(ids) {
      if (ids.length === 0) return [];
      const rows = database
        .prepare(`SELECT id, document_id, text FROM knowledge_chunks WHERE id IN (${ids.map(() => "?").join(",")})`)
        .all(...ids) as Array<{ id: number; document_id: string; text: string }>;
      return rows.map((row): ChunkText => ({ id: row.id, documentId: row.document_id, text: row.text }));
    },
    async keywordSearch(knowledgeBase, query, limit) {
      const terms = keywordTerms(query);
      if (terms.length === 0) return [];
      const match = terms.map((term) => `"${term}"`).join(" OR ");
      const rows = database
        .prepare(
          `SELECT c.id FROM knowledge_chunks_fts f JOIN knowledge_chunks c ON c.id = f.rowid
           WHERE knowledge_chunks_fts MATCH ? AND c.knowledge_base = ? ORDER BY bm25(knowledge_chunks_fts) LIMIT ?`,
        )
        .all(match, knowledgeBase, limit) as Array<{ id: number }>;
      return rows.map((row) => row.id);
    },
  };
}

function fromBaseRow(row: BaseRow): KnowledgeBaseRecord {
  return {
    name: row.name,
    embedder: row.embedder,
    chunk: { size: row.chunk_size, overlap: row.chunk_overlap, strategy: row.chunk_strategy as ChunkStrategy },
    description: row.description ?? undefined,
    access: JSON.parse(row.access) as KnowledgeBaseRecord["access"],
    createdAt: row.created_at,
  };
}

function toDocumentRow(document: DocumentRecord): DocumentRow {
  return {
    id: document.id,
    knowledge_base: document.knowledgeBase,
    source: document.source ?? null,
    url: document.url ?? null,
    title: document.title ?? null,
    metadata: JSON.stringify(document.metadata),
    content_hash: document.contentHash,
    chunk_count: document.chunkCount,
    created_at: document.createdAt,
    updated_at: document.updatedAt,
  };
}

function fromDocumentRow(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    knowledgeBase: row.knowledge_base,
    source: row.source ?? undefined,
    url: row.url ?? undefined,
    title: row.title ?? undefined,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    contentHash: row.content_hash,
    chunkCount: row.chunk_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
