import type { Migration } from "../run-migrations.js";

/** The exact cache's table in the SQLite file (PostgreSQL deployments use Redis for the cache). */
export const cacheMigrations: readonly Migration[] = [
  {
    version: 1,
    description: "exact cache entries",
    sqlite: `CREATE TABLE switchyard_cache_entries (
      namespace TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER NOT NULL,
      PRIMARY KEY (namespace, key)
    );
    CREATE INDEX switchyard_cache_entries_used ON switchyard_cache_entries (used_at);
    CREATE INDEX switchyard_cache_entries_key ON switchyard_cache_entries (key);`,
    postgres: `CREATE TABLE IF NOT EXISTS switchyard_cache_entries (
      namespace TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      expires_at BIGINT NOT NULL,
      used_at BIGINT NOT NULL,
      PRIMARY KEY (namespace, key)
    )`,
  },
  {
    version: 2,
    description: "semantic cache entries",
    sqlite: `CREATE TABLE switchyard_semantic_entries (
      id TEXT PRIMARY KEY,
      cache_namespace TEXT NOT NULL,
      index_namespace TEXT NOT NULL,
      vector BLOB NOT NULL,
      value TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE INDEX switchyard_semantic_entries_namespace ON switchyard_semantic_entries (cache_namespace);`,
    postgres: `CREATE TABLE IF NOT EXISTS switchyard_semantic_entries (
      id TEXT PRIMARY KEY,
      cache_namespace TEXT NOT NULL,
      index_namespace TEXT NOT NULL,
      vector BYTEA NOT NULL,
      value TEXT NOT NULL,
      expires_at BIGINT NOT NULL
    )`,
  },
];
