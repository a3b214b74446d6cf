import type { Migration } from "../run-migrations.js";

/**
 * Knowledge bases, their documents and chunks. Chunks keep their vector (float32 bytes) so any
 * instance can rebuild its in-memory index; keyword search uses FTS5 (SQLite) or a tsvector
 * with a GIN index (PostgreSQL), both with English stemming.
 */
export const knowledgeMigrations: readonly Migration[] = [
  {
    version: 1,
    description: "knowledge bases, documents, chunks, keyword index",
    sqlite: `
      CREATE TABLE knowledge_bases (
        name TEXT PRIMARY KEY,
        embedder TEXT NOT NULL,
        chunk_size INTEGER NOT NULL,
        chunk_overlap INTEGER NOT NULL,
        chunk_strategy TEXT NOT NULL,
        description TEXT,
        access TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE knowledge_documents (
        id TEXT PRIMARY KEY,
        knowledge_base TEXT NOT NULL REFERENCES knowledge_bases(name) ON DELETE CASCADE,
        source TEXT,
        url TEXT,
        title TEXT,
        metadata TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        chunk_count INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX knowledge_documents_by_url ON knowledge_documents (knowledge_base, url);
      CREATE INDEX knowledge_documents_by_source ON knowledge_documents (knowledge_base, source);
      CREATE TABLE knowledge_chunks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        knowledge_base TEXT NOT NULL,
        document_id TEXT NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        embedder TEXT NOT NULL,
        vector BLOB NOT NULL
      );
      CREATE INDEX knowledge_chunks_by_document ON knowledge_chunks (document_id);
      CREATE INDEX knowledge_chunks_by_base ON knowledge_chunks (knowledge_base);
      CREATE VIRTUAL TABLE knowledge_chunks_fts USING fts5 (
        text, content='knowledge_chunks', content_rowid='id', tokenize='porter unicode61'
      );
      CREATE TRIGGER knowledge_chunks_fts_insert AFTER INSERT ON knowledge_chunks BEGIN
        INSERT INTO knowledge_chunks_fts (rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER knowledge_chunks_fts_delete AFTER DELETE ON knowledge_chunks BEGIN
        INSERT INTO knowledge_chunks_fts (knowledge_chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
    `,
    postgres: `
      CREATE TABLE knowledge_bases (
        name TEXT PRIMARY KEY,
        embedder TEXT NOT NULL,
        chunk_size INTEGER NOT NULL,
        chunk_overlap INTEGER NOT NULL,
        chunk_strategy TEXT NOT NULL,
        description TEXT,
        access JSONB NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE TABLE knowledge_documents (
        id TEXT PRIMARY KEY,
        knowledge_base TEXT NOT NULL REFERENCES knowledge_bases(name) ON DELETE CASCADE,
        source TEXT,
        url TEXT,
        title TEXT,
        metadata JSONB NOT NULL,
        content_hash TEXT NOT NULL,
        chunk_count INTEGER NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX knowledge_documents_by_url ON knowledge_documents (knowledge_base, url);
      CREATE INDEX knowledge_documents_by_source ON knowledge_documents (knowledge_base, source);
      CREATE TABLE knowledge_chunks (
        id BIGSERIAL PRIMARY KEY,
        knowledge_base TEXT NOT NULL,
        document_id TEXT NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        embedder TEXT NOT NULL,
        vector BYTEA NOT NULL,
        search TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
      );
      CREATE INDEX knowledge_chunks_by_document ON knowledge_chunks (document_id);
      CREATE INDEX knowledge_chunks_by_base ON knowledge_chunks (knowledge_base);
      CREATE INDEX knowledge_chunks_search ON knowledge_chunks USING GIN (search);
    `,
  },
];
