import type pg from "pg";
import {
  bytesToVector,
  type ChunkStrategy,
  type DocumentRecord,
  type KnowledgeBaseRecord,
  type KnowledgeStore,
  keywordTerms,
  vectorToBytes,
} from "./knowledge-records.js";

interface BaseRow {
  name: string;
  embedder: string;
  chunk_size: number;
  chunk_overlap: number;
  chunk_strategy: string;
  description: string | null;
  access: KnowledgeBaseRecord["access"];
  created_at: Date;
}

interface DocumentRow {
  id: string;
  knowledge_base: string;
  source: string | null;
  url: string | null;
  title: string | null;
  metadata: Record<string, string>;
  content_hash: string;
  chunk_count: number;
  created_at: Date;
  updated_at: Date;
}

/** Knowledge bases in PostgreSQL, the source of truth every instance's index is loaded from. */
export function createPostgresKnowledgeStore(pool: pg.Pool): KnowledgeStore {
  const inTransaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    async createKnowledgeBase(record) {
      const result = await pool.query(
        `INSERT INTO knowledge_bases (name, embedder, chunk_size, chunk_overlap, chunk_strategy, description, access, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING`,
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
      return (result.rowCount ?? 0) > 0;
    },
    async listKnowledgeBases() {
      const { rows } = await pool.query<BaseRow>("SELECT * FROM knowledge_bases ORDER BY name");
      return rows.map(fromBaseRow);
    },
    async getKnowledgeBase(name) {
      const { rows } = await pool.query<BaseRow>("SELECT * FROM knowledge_bases WHERE name = $1", [name]);
      return rows[0] ? fromBaseRow(rows[0]) : undefined;
    },
    async deleteKnowledgeBase(name) {
      return inTransaction(async (client) => {
        await client.query("DELETE FROM knowledge_chunks WHERE knowledge_base = $1", [name]);
        await client.query("DELETE FROM knowledge_documents WHERE knowledge_base = $1", [name]);
        const result = await client.query("DELETE FROM knowledge_bases WHERE name = $1", [name]);
        return (result.rowCount ?? 0) > 0;
      });
    },
    async updateKnowledgeBase(name, change) {
      const result = await pool.query("UPDATE knowledge_bases SET description = $1, access = $2 WHERE name = $3", [
        change.description ?? null,
        JSON.stringify(change.access),
        name,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async listDocuments(knowledgeBase) {
      const { rows } = await pool.query<DocumentRow>(
        "SELECT * FROM knowledge_documents WHERE knowledge_base = $1 ORDER BY created_at, id",
        [knowledgeBase],
      );
      return rows.map(fromDocumentRow);
    },
    async getDocument(knowledgeBase, id) {
      const { rows } = await pool.query<DocumentRow>(
        "SELECT * FROM knowledge_documents WHERE knowledge_base = $1 AND id = $2",
        [knowledgeBase, id],
      );
      return rows[0] ? fromDocumentRow(rows[0]) : undefined;
    },
    async findDocument(knowledgeBase, key) {
      const [column, value] = key.url ? ["url", key.url] : ["source", key.source];
      if (!value) return undefined;
      const { rows } = await pool.query<DocumentRow>(
        `SELECT * FROM knowledge_documents WHERE knowledge_base = $1 AND ${column} = $2 LIMIT 1`,
        [knowledgeBase, value],
      );
      return rows[0] ? fromDocumentRow(rows[0]) : undefined;
    },
    async replaceDocument(document, embedder, chunks) {
      return inTransaction(async (client) => {
        await client.query(
          `INSERT INTO knowledge_documents (id, knowledge_base, source, url, title, metadata, content_hash, chunk_count, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (id) DO UPDATE SET source = excluded.source, url = excluded.url, title = excluded.title,
             metadata = excluded.metadata, content_hash = excluded.content_hash, chunk_count = excluded.chunk_count,
             updated_at = excluded.updated_at`,
          [
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
        );
        await client.query("DELETE FROM knowledge_chunks WHERE document_id = $1", [document.id]);
        if (chunks.length === 0) return [];
        const { rows } = await client.query<{ id: string }>(
          `INSERT INTO knowledge_chunks (knowledge_base, document_id, position, text, embedder, vector)
           SELECT $1, $2, position - 1, text, $3, vector
           FROM unnest($4::text[], $5::bytea[]) WITH ORDINALITY AS chunk(text, vector, position)
           ORDER BY position RETURNING id`,
          [
            document.knowledgeBase,
            document.id,
            embedder,
            chunks.map((chunk) => chunk.text),
            chunks.map((chunk) => vectorToBytes(chunk.vector)),
          ],
        );
        return rows.map((row) => Number(row.id));
      });
    },
    async deleteDocument(knowledgeBase, id) {
      const result = await pool.query("DELETE FROM knowledge_documents WHERE knowledge_base = $1 AND id = $2", [
        knowledgeBase,
        id,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async chunkVectors(knowledgeBase, embedder, documentId) {
      const { rows } = documentId
        ? await pool.query<{ id: string; document_id: string; vector: Buffer }>(
            "SELECT id, document_id, vector FROM knowledge_chunks WHERE knowledge_base = $1 AND embedder = $2 AND document_id = $3",
            [knowledgeBase, embedder, documentId],
          )
        : await pool.query<{ id: string; document_id: string; vector: Buffer }>(
            "SELECT id, document_id, vector FROM knowledge_chunks WHERE knowledge_base = $1 AND embedder = $2",
            [knowledgeBase, embedder],
          );
      return rows.map((row) => ({
        id: Number(row.id),
        documentId: row.document_id,
        vector: bytesToVector(row.vector),
      }));
    },
    async chunkTexts(ids) {
      if (ids.length === 0) return [];
      const { rows } = await pool.query<{ id: string; document_id: string; text: string }>(
        "SELECT id, document_id, text FROM knowledge_chunks WHERE id = ANY($1::bigint[])",
        [ids],
      );
      return rows.map((row) => ({ id: Number(row.id), documentId: row.document_id, text: row.text }));
    },
    async keywordSearch(knowledgeBase, query, limit) {
      const terms = keywordTerms(query);
      if (terms.length === 0) return [];
      // Any of the words (OR), ranked by ts_rank; plainto_tsquery per word applies stemming and stop words.
      const { rows } = await pool.query<{ id: string }>(
        `WITH words AS (SELECT plainto_tsquery('english', word) AS q FROM unnest($2::text[]) AS word),
              query AS (SELECT string_agg(q::text, ' | ')::tsquery AS q FROM words WHERE q::text <> '')
         SELECT c.id FROM knowledge_chunks c, query
         WHERE query.q IS NOT NULL AND c.knowledge_base = $1 AND c.search @@ query.q
         ORDER BY ts_rank(c.search, query.q) DESC LIMIT $3`,
        [knowledgeBase, terms, limit],
      );
      return rows.map((row) => Number(row.id));
    },
  };
}

function fromBaseRow(row: BaseRow): KnowledgeBaseRecord {
  return {
    name: row.name,
    embedder: row.embedder,
    chunk: { size: row.chunk_size, overlap: row.chunk_overlap, strategy: row.chunk_strategy as ChunkStrategy },
    description: row.description ?? undefined,
    access: row.access,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function fromDocumentRow(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    knowledgeBase: row.knowledge_base,
    source: row.source ?? undefined,
    url: row.url ?? undefined,
    title: row.title ?? undefined,
    metadata: row.metadata,
    contentHash: row.content_hash,
    chunkCount: row.chunk_count,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
