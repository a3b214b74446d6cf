import { runMigrations } from "../run-migrations.js";
import type { Storage } from "../storage.js";
import { knowledgeMigrations } from "./knowledge-migrations.js";
import type { KnowledgeStore } from "./knowledge-records.js";
import { createPostgresKnowledgeStore } from "./postgres-knowledge-store.js";
import { createSqliteKnowledgeStore } from "./sqlite-knowledge-store.js";

/** Migrates the knowledge tables and returns the store for the configured storage. */
export async function openKnowledgeStore(storage: Storage): Promise<KnowledgeStore> {
  await runMigrations(storage, "knowledge", knowledgeMigrations);
  return storage.kind === "sqlite"
    ? createSqliteKnowledgeStore(storage.database)
    : createPostgresKnowledgeStore(storage.pool);
}
