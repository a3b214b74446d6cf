import { runMigrations } from "../run-migrations.js";
import { sqlRunner } from "../sql-runner.js";
import type { Storage } from "../storage.js";
import { knowledgeMigrations } from "./knowledge-migrations.js";
import type { KnowledgeStore } from "./knowledge-records.js";
import { SqlKnowledgeStore } from "./sql-knowledge-store.js";

/** Migrates the knowledge tables and returns the store for the configured storage. */
export async function openKnowledgeStore(storage: Storage): Promise<KnowledgeStore> {
  await runMigrations(storage, "knowledge", knowledgeMigrations);
  return new SqlKnowledgeStore(sqlRunner(storage));
}
