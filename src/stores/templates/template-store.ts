import { runMigrations } from "../run-migrations.js";
import type { Storage } from "../storage.js";

/** A stored version of a prompt template; `body` is the template definition as JSON text. */
export interface StoredTemplate {
  name: string;
  version: number;
  body: string;
  createdAt: string;
}

const migrations = [
  {
    version: 1,
    description: "prompt templates, one row per name and version",
    sqlite:
      "CREATE TABLE prompt_templates (name TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (name, version))",
    postgres:
      "CREATE TABLE prompt_templates (name TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (name, version))",
  },
];

/** Versioned prompt templates in the gateway's storage (SQLite or PostgreSQL). */
export class TemplateStore {
  private constructor(private readonly storage: Storage) {}

  static async open(storage: Storage): Promise<TemplateStore> {
    await runMigrations(storage, "templates", migrations);
    return new TemplateStore(storage);
  }

  /** Adds the next version of `name` (1 for a new name); versions never change once written. */
  async add(name: string, body: string): Promise<StoredTemplate> {
    const createdAt = new Date().toISOString();
    if (this.storage.kind === "sqlite") {
      const database = this.storage.database;
      return database.transaction(() => {
        const row = database
          .prepare("SELECT COALESCE(MAX(version), 0) + 1 AS next FROM prompt_templates WHERE name = ?")
          .get(name) as { next: number };
        database
          .prepare("INSERT INTO prompt_templates (name, version, body, created_at) VALUES (?, ?, ?, ?)")
          .run(name, row.next, body, createdAt);
        return { name, version: row.next, body, createdAt };
      })();
    }
    // The primary key settles two instances racing for the same version; the loser retries.
    for (let attempt = 0; ; attempt++) {
      try {
        const { rows } = await this.storage.pool.query<{ version: number; created_at: Date }>(
          "INSERT INTO prompt_templates (name, version, body) SELECT $1, COALESCE(MAX(version), 0) + 1, $2 FROM prompt_templates WHERE name = $1 RETURNING version, created_at",
          [name, body],
        );
        const row = rows[0];
        if (!row) throw new Error("insert returned no row");
        return { name, version: row.version, body, createdAt: row.created_at.toISOString() };
      } catch (error) {
        if ((error as { code?: string }).code !== "23505" || attempt >= 20) throw error;
      }
    }
  }

  /** One version, or the latest when `version` is undefined. */
  async get(name: string, version?: number): Promise<StoredTemplate | undefined> {
    const rows = await this.query(
      version === undefined
        ? { where: "name = ?", order: "version DESC", limit: 1, parameters: [name] }
        : { where: "name = ? AND version = ?", order: "version DESC", limit: 1, parameters: [name, version] },
    );
    return rows[0];
  }

  /** Every version of one name, newest first; or the latest version of every name. */
  async list(name?: string): Promise<StoredTemplate[]> {
    if (name !== undefined) return this.query({ where: "name = ?", order: "version DESC", parameters: [name] });
    return this.query({
      where: "version = (SELECT MAX(version) FROM prompt_templates AS newer WHERE newer.name = prompt_templates.name)",
      order: "name",
      parameters: [],
    });
  }

  /** Deletes one version, or every version of the name; returns how many were deleted. */
  async delete(name: string, version?: number): Promise<number> {
    const where = version === undefined ? "name = ?" : "name = ? AND version = ?";
    const parameters = version === undefined ? [name] : [name, version];
    if (this.storage.kind === "sqlite") {
      return this.storage.database.prepare(`DELETE FROM prompt_templates WHERE ${where}`).run(...parameters).changes;
    }
    const result = await this.storage.pool.query(`DELETE FROM prompt_templates WHERE ${numbered(where)}`, parameters);
    return result.rowCount ?? 0;
  }

  private async query(spec: {
    where: string;
    order: string;
    limit?: number;
    parameters: Array<string | number>;
  }): Promise<StoredTemplate[]> {
    const sql = `SELECT name, version, body, created_at FROM prompt_templates WHERE ${spec.where} ORDER BY ${spec.order}${spec.limit ? ` LIMIT ${spec.limit}` : ""}`;
    if (this.storage.kind === "sqlite") {
      const rows = this.storage.database.prepare(sql).all(...spec.parameters) as Array<{
        name: string;
        version: number;
        body: string;
        created_at: string;
      }>;
      return rows.map((row) => ({ name: row.name, version: row.version, body: row.body, createdAt: row.created_at }));
    }
    const { rows } = await this.storage.pool.query<{ name: string; version: number; body: string; created_at: Date }>(
      numbered(sql),
      spec.parameters,
    );
    return rows.map((row) => ({
      name: row.name,
      version: row.version,
      body: row.body,
      createdAt: row.created_at.toISOString(),
    }));
  }
}

/** SQLite's `?` placeholders as PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}
