import type { Migration } from "../run-migrations.js";

// Both dialects share one schema: text timestamps (ISO 8601, UTC) and JSON kept as text.
const TABLES = `
CREATE TABLE switchyard_projects (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, metadata TEXT NOT NULL, limits TEXT, budget TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT
);
CREATE TABLE switchyard_keys (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, project_id TEXT, display_prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE, metadata TEXT NOT NULL, models TEXT NOT NULL, endpoints TEXT NOT NULL,
  limits TEXT, budget TEXT, expires_at TEXT, enabled INTEGER NOT NULL, revoked_at TEXT,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX switchyard_keys_project ON switchyard_keys (project_id);
CREATE TABLE switchyard_audit (
  id TEXT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  target_type TEXT NOT NULL, target_id TEXT NOT NULL, details TEXT NOT NULL
);
CREATE INDEX switchyard_audit_at ON switchyard_audit (at);
`;

/** The key store's schema steps (feature "keys"). */
export const keyMigrations: readonly Migration[] = [
  { version: 1, description: "projects, keys and the admin audit trail", sqlite: TABLES, postgres: TABLES },
];
