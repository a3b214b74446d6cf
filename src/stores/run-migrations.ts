import type { Storage } from "./storage.js";

/** One schema step of one feature, in both dialects. Versions start at 1 and only grow. */
export interface Migration {
  version: number;
  description: string;
  sqlite: string;
  postgres: string;
}

/**
 * Applies a feature's migrations that have not run yet, in order, each in a transaction, and
 * records them in switchyard_migrations. Runs at start; safe when several instances start at
 * once (PostgreSQL takes an advisory lock for the whole run).
 */
export async function runMigrations(
  storage: Storage,
  feature: string,
  migrations: readonly Migration[],
): Promise<void> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  if (storage.kind === "sqlite") {
    const database = storage.database;
    database.exec(
      "CREATE TABLE IF NOT EXISTS switchyard_migrations (feature TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (feature, version))",
    );
    const applied = new Set(
      (
        database.prepare("SELECT version FROM switchyard_migrations WHERE feature = ?").all(feature) as Array<{
          version: number;
        }>
      ).map((row) => row.version),
    );
    const record = database.prepare(
      "INSERT INTO switchyard_migrations (feature, version, description, applied_at) VALUES (?, ?, ?, ?)",
    );
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue;
      database.transaction(() => {
        database.exec(migration.sqlite);
        record.run(feature, migration.version, migration.description, new Date().toISOString());
      })();
    }
    return;
  }
  const client = await storage.pool.connect();
  try {
    await client.query("BEGIN");
    // One lock for all features: even CREATE TABLE IF NOT EXISTS races between two instances.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('switchyard:migrations'))");
    await client.query(
      "CREATE TABLE IF NOT EXISTS switchyard_migrations (feature TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (feature, version))",
    );
    const { rows } = await client.query<{ version: number }>(
      "SELECT version FROM switchyard_migrations WHERE feature = $1",
      [feature],
    );
    const applied = new Set(rows.map((row) => row.version));
    for (const migration of ordered) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.postgres);
      await client.query("INSERT INTO switchyard_migrations (feature, version, description) VALUES ($1, $2, $3)", [
        feature,
        migration.version,
        migration.description,
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
