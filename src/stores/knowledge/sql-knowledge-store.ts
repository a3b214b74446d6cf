import type { SqlRunner, SqlStatement, SqlValue } from "../sql-runner.js";
import { keywordSearchStatement } from "./keyword-search-sql.js";
import {
  bytesToVector,
  type ChunkStrategy,
  type ChunkText,
  type ChunkVector,
  type DocumentRecord,
  type KnowledgeBaseAccess,
  type KnowledgeBaseRecord,
  type KnowledgeStore,
  type NewChunk,
  vectorToBytes,
} from "./knowledge-records.js";

/** Columns typed as each database returns them: SQLite keeps JSON and times as text. */
interface BaseRow {
  name: string;
  embedder: string;
  chunk_size: number;
  chunk_overlap: number;
  chunk_strategy: string;
  description: string | null;
  access: string | KnowledgeBaseAccess;
  created_at: string | Date;
}

interface DocumentRow {
  id: string;
  knowledge_base: string;
  source: string | null;
  url: string | null;
  title: string | null;
  metadata: string | Record<string, string>;
  content_hash: string;
  chunk_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}

/** PostgreSQL returns BIGSERIAL ids as strings. */
interface ChunkRow {
  id: number | string;
  document_id: string;
}

const BASE_COLUMNS = "name, embedder, chunk_size, chunk_overlap, chunk_strategy, description, access, created_at";
const DOCUMENT_COLUMNS =
  "id, knowledge_base, source, url, title, metadata, content_hash, chunk_count, created_at, updated_at";
const CHUNK_COLUMNS = "knowledge_base, document_id, position, text, embedder, vector";
/** Chunks per INSERT: 6 values each stays far below either database's limit on parameters. */
const CHUNKS_PER_INSERT = 500;

/**
 * The knowledge store over SQL that runs on SQLite and PostgreSQL alike (tables from
 * knowledgeMigrations). Chunks are deleted explicitly: the SQLite connection is shared with
 * other features, so foreign keys, and with them ON DELETE CASCADE, stay as they are.
 */
export class SqlKnowledgeStore implements KnowledgeStore {
  constructor(private readonly sql: SqlRunner) {}

  async createKnowledgeBase(record: KnowledgeBaseRecord): Promise<boolean> {
    const inserted = await this.sql.run(
      `INSERT INTO knowledge_bases (${BASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING`,
      [
        record.name,
        record.embedder,
        record.chunk.size,
        record.chunk.overlap,
        record.chunk.strategy,
        record.description ?? null,
        JSON.stringify(record.access),
        record.createdAt,
      ],
    );
    return inserted > 0;
  }

  async listKnowledgeBases(): Promise<KnowledgeBaseRecord[]> {
    const rows = await this.sql.all<BaseRow>(`SELECT ${BASE_COLUMNS} FROM knowledge_bases ORDER BY name`);
    return rows.map(fromBaseRow);
  }

  async getKnowledgeBase(name: string): Promise<KnowledgeBaseRecord | undefined> {
    const [row] = await this.sql.all<BaseRow>(`SELECT ${BASE_COLUMNS} FROM knowledge_bases WHERE name = $1`, [name]);
    return row ? fromBaseRow(row) : undefined;
  }

  async deleteKnowledgeBase(name: string): Promise<boolean> {
    const results = await this.sql.transaction([
      { sql: "DELETE FROM knowledge_chunks WHERE knowledge_base = $1", values: [name] },
      { sql: "DELETE FROM knowledge_documents WHERE knowledge_base = $1", values: [name] },
      { sql: "DELETE FROM knowledge_bases WHERE name = $1", values: [name] },
    ]);
    return (results[2]?.changes ?? 0) > 0;
  }

  async updateKnowledgeBase(
    name: string,
    change: { description?: string; access: KnowledgeBaseAccess },
  ): Promise<boolean> {
    const updated = await this.sql.run("UPDATE knowledge_bases SET description = $1, access = $2 WHERE name = $3", [
      change.description ?? null,
      JSON.stringify(change.access),
      name,
    ]);
    return updated > 0;
  }

  async listDocuments(knowledgeBase: string): Promise<DocumentRecord[]> {
    const rows = await this.sql.all<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents WHERE knowledge_base = $1 ORDER BY created_at, id`,
      [knowledgeBase],
    );
    return rows.map(fromDocumentRow);
  }

  async getDocument(knowledgeBase: string, id: string): Promise<DocumentRecord | undefined> {
    const [row] = await this.sql.all<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents WHERE knowledge_base = $1 AND id = $2`,
      [knowledgeBase, id],
    );
    return row ? fromDocumentRow(row) : undefined;
  }

  async findDocument(
    knowledgeBase: string,
    key: { url?: string; source?: string },
  ): Promise<DocumentRecord | undefined> {
    const [column, value] = key.url ? ["url", key.url] : ["source", key.source];
    if (!value) return undefined;
    const [row] = await this.sql.all<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM knowledge_documents WHERE knowledge_base = $1 AND ${column} = $2 LIMIT 1`,
      [knowledgeBase, value],
    );
    return row ? fromDocumentRow(row) : undefined;
  }

  async replaceDocument(document: DocumentRecord, embedder: string, chunks: readonly NewChunk[]): Promise<number[]> {
    const results = await this.sql.transaction([
      {
        sql: `INSERT INTO knowledge_documents (${DOCUMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
          ON CONFLICT (id) DO UPDATE SET source = excluded.source, url = excluded.url, title = excluded.title,
            metadata = excluded.metadata, content_hash = excluded.content_hash, chunk_count = excluded.chunk_count,
            updated_at = excluded.updated_at`,
        values: [
          document.id,
          document.knowledgeBase,
          document.source ?? null,
          document.url ?? null,
          document.title ?? null,
          JSON.stringify(document.metadata),
          document.contentHash,
          document.chunkCount,
          document.createdAt,
          document.updatedAt,
        ],
      },
      { sql: "DELETE FROM knowledge_chunks WHERE document_id = $1", values: [document.id] },
      ...chunkInserts(document, embedder, chunks),
    ]);
    // Neither database promises RETURNING rows in insertion order, so the position orders them.
    const inserted = results
      .slice(2)
      .flatMap((result) => result.rows as Array<{ id: number | string; position: number }>);
    return inserted.sort((a, b) => a.position - b.position).map((row) => Number(row.id));
  }

  async deleteDocument(knowledgeBase: string, id: string): Promise<boolean> {
    const results = await this.sql.transaction([
      {
        sql: "DELETE FROM knowledge_chunks WHERE document_id = $1 AND knowledge_base = $2",
        values: [id, knowledgeBase],
      },
      { sql: "DELETE FROM knowledge_documents WHERE id = $1 AND knowledge_base = $2", values: [id, knowledgeBase] },
    ]);
    return (results[1]?.changes ?? 0) > 0;
  }

  async chunkVectors(knowledgeBase: string, embedder: string, documentId?: string): Promise<ChunkVector[]> {
    const values: SqlValue[] = [knowledgeBase, embedder];
    if (documentId) values.push(documentId);
    const rows = await this.sql.all<ChunkRow & { vector: Buffer }>(
      `SELECT id, document_id, vector FROM knowledge_chunks WHERE knowledge_base = $1 AND embedder = $2${
        documentId ? " AND document_id = $3" : ""
      }`,
      values,
    );
    return rows.map((row) => ({ id: Number(row.id), documentId: row.document_id, vector: bytesToVector(row.vector) }));
  }

  async chunkTexts(ids: readonly number[]): Promise<ChunkText[]> {
    if (ids.length === 0) return [];
    const rows = await this.sql.all<ChunkRow & { text: string }>(
      `SELECT id, document_id, text FROM knowledge_chunks WHERE id IN (${ids.map((_, index) => `$${index + 1}`).join(", ")})`,
      ids,
    );
    return rows.map((row) => ({ id: Number(row.id), documentId: row.document_id, text: row.text }));
  }

  async keywordSearch(knowledgeBase: string, query: string, limit: number): Promise<number[]> {
    const statement = keywordSearchStatement(this.sql.kind, knowledgeBase, query, limit);
    if (!statement) return [];
    const rows = await this.sql.all<{ id: number | string }>(statement.sql, statement.values);
    return rows.map((row) => Number(row.id));
  }
}

/** The chunks' INSERTs, a few hundred rows each, returning the ids they were given. */
function chunkInserts(document: DocumentRecord, embedder: string, chunks: readonly NewChunk[]): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (let start = 0; start < chunks.length; start += CHUNKS_PER_INSERT) {
    const rows: string[] = [];
    const values: SqlValue[] = [];
    chunks.slice(start, start + CHUNKS_PER_INSERT).forEach((chunk, offset) => {
      const first = values.length + 1;
      rows.push(`($${first}, $${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5})`);
      values.push(
        document.knowledgeBase,
        document.id,
        start + offset,
        chunk.text,
        embedder,
        vectorToBytes(chunk.vector),
      );
    });
    statements.push({
      sql: `INSERT INTO knowledge_chunks (${CHUNK_COLUMNS}) VALUES ${rows.join(", ")} RETURNING id, position`,
      values,
    });
  }
  return statements;
}

function fromBaseRow(row: BaseRow): KnowledgeBaseRecord {
  return {
    name: row.name,
    embedder: row.embedder,
    chunk: { size: row.chunk_size, overlap: row.chunk_overlap, strategy: row.chunk_strategy as ChunkStrategy },
    description: row.description ?? undefined,
    access: fromJson(row.access),
    createdAt: isoTime(row.created_at),
  };
}

function fromDocumentRow(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    knowledgeBase: row.knowledge_base,
    source: row.source ?? undefined,
    url: row.url ?? undefined,
    title: row.title ?? undefined,
    metadata: fromJson(row.metadata),
    contentHash: row.content_hash,
    chunkCount: row.chunk_count,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

/** A JSON column: text in SQLite, already parsed from PostgreSQL's JSONB. */
function fromJson<T extends object>(value: string | T): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

/** A time column: the ISO text SQLite keeps as written, or PostgreSQL's TIMESTAMPTZ as a Date. */
function isoTime(value: string | Date): string {
  return typeof value === "string" ? value : value.toISOString();
}
