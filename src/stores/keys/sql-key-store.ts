import type { SqlRunner, SqlValue } from "../sql-runner.js";
import type { AuditEntry, KeyRecord, ProjectRecord, VerifiedKey } from "./key-records.js";
import type { KeyChanges, KeyStore, ProjectChanges } from "./key-store.js";

interface ProjectRow {
  id: string;
  name: string;
  metadata: string;
  limits: string | null;
  budget: string | null;
  created_at: string;
  updated_at: string;
}

interface KeyRow {
  id: string;
  name: string;
  project_id: string | null;
  display_prefix: string;
  key_hash: string;
  metadata: string;
  models: string;
  endpoints: string;
  limits: string | null;
  budget: string | null;
  expires_at: string | null;
  enabled: number;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  details: string;
}

const KEY_COLUMNS =
  "id, name, project_id, display_prefix, key_hash, metadata, models, endpoints, limits, budget, expires_at, enabled, revoked_at, created_at, updated_at";
const PROJECT_COLUMNS = "id, name, metadata, limits, budget, created_at, updated_at";

/** The key store over SQL that runs unchanged on SQLite and PostgreSQL. */
export class SqlKeyStore implements KeyStore {
  constructor(private readonly sql: SqlRunner) {}

  async createProject(project: ProjectRecord): Promise<void> {
    await this.sql.run(`INSERT INTO switchyard_projects (${PROJECT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      project.id,
      project.name,
      JSON.stringify(project.metadata),
      jsonOrNull(project.limits),
      jsonOrNull(project.budget),
      project.createdAt,
      project.updatedAt,
    ]);
  }

  async listProjects(): Promise<ProjectRecord[]> {
    const rows = await this.sql.all<ProjectRow>(
      `SELECT ${PROJECT_COLUMNS} FROM switchyard_projects WHERE deleted_at IS NULL ORDER BY created_at, id`,
    );
    return rows.map(toProject);
  }

  async getProject(id: string): Promise<ProjectRecord | undefined> {
    const rows = await this.sql.all<ProjectRow>(
      `SELECT ${PROJECT_COLUMNS} FROM switchyard_projects WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return rows[0] ? toProject(rows[0]) : undefined;
  }

  async updateProject(id: string, changes: ProjectChanges, at: string): Promise<ProjectRecord | undefined> {
    const current = await this.getProject(id);
    if (!current) return undefined;
    const next: ProjectRecord = { ...current, ...withoutUndefined(changes), updatedAt: at };
    await this.sql.run(
      "UPDATE switchyard_projects SET name = $2, metadata = $3, limits = $4, budget = $5, updated_at = $6 WHERE id = $1",
      [id, next.name, JSON.stringify(next.metadata), jsonOrNull(next.limits), jsonOrNull(next.budget), at],
    );
    return next;
  }

  async deleteProject(id: string, at: string): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE switchyard_projects SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL",
      [id, at],
    );
    if (changed === 0) return false;
    await this.sql.run(
      "UPDATE switchyard_keys SET revoked_at = $2, enabled = 0, updated_at = $2 WHERE project_id = $1 AND revoked_at IS NULL",
      [id, at],
    );
    return true;
  }

  async createKey(key: KeyRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO switchyard_keys (${KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      keyValues(key),
    );
  }

  async listKeys(filter: { projectId?: string } = {}): Promise<KeyRecord[]> {
    const rows = filter.projectId
      ? await this.sql.all<KeyRow>(
          `SELECT ${KEY_COLUMNS} FROM switchyard_keys WHERE project_id = $1 ORDER BY created_at, id`,
          [filter.projectId],
        )
      : await this.sql.all<KeyRow>(`SELECT ${KEY_COLUMNS} FROM switchyard_keys ORDER BY created_at, id`);
    return rows.map(toKey);
  }

  async getKey(id: string): Promise<KeyRecord | undefined> {
    const rows = await this.sql.all<KeyRow>(`SELECT ${KEY_COLUMNS} FROM switchyard_keys WHERE id = $1`, [id]);
    return rows[0] ? toKey(rows[0]) : undefined;
  }

  async findByHash(hash: string): Promise<VerifiedKey | undefined> {
    const rows = await this.sql.all<KeyRow>(`SELECT ${KEY_COLUMNS} FROM switchyard_keys WHERE key_hash = $1`, [hash]);
    if (!rows[0]) return undefined;
    const key = toKey(rows[0]);
    const project = key.projectId ? await this.getProject(key.projectId) : undefined;
    return { key, project };
  }

  async updateKey(id: string, changes: KeyChanges, at: string): Promise<KeyRecord | undefined> {
    const current = await this.getKey(id);
    if (!current) return undefined;
    const next: KeyRecord = { ...current, updatedAt: at };
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      // null clears an optional field (limits, budget, expiresAt).
      (next as unknown as Record<string, unknown>)[field] = value === null ? undefined : value;
    }
    await this.sql.run(
      "UPDATE switchyard_keys SET name = $2, metadata = $3, models = $4, endpoints = $5, limits = $6, budget = $7, expires_at = $8, enabled = $9, updated_at = $10 WHERE id = $1",
      [
        id,
        next.name,
        JSON.stringify(next.metadata),
        JSON.stringify(next.models),
        JSON.stringify(next.endpoints),
        jsonOrNull(next.limits),
        jsonOrNull(next.budget),
        next.expiresAt ?? null,
        next.enabled ? 1 : 0,
        at,
      ],
    );
    return next;
  }

  async replaceSecret(id: string, hash: string, displayPrefix: string, at: string): Promise<KeyRecord | undefined> {
    const changed = await this.sql.run(
      "UPDATE switchyard_keys SET key_hash = $2, display_prefix = $3, updated_at = $4 WHERE id = $1 AND revoked_at IS NULL",
      [id, hash, displayPrefix, at],
    );
    return changed === 0 ? undefined : this.getKey(id);
  }

  async revokeKey(id: string, at: string): Promise<KeyRecord | undefined> {
    await this.sql.run(
      "UPDATE switchyard_keys SET revoked_at = $2, enabled = 0, updated_at = $2 WHERE id = $1 AND revoked_at IS NULL",
      [id, at],
    );
    return this.getKey(id);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.sql.run(
      "INSERT INTO switchyard_audit (id, at, actor, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [entry.id, entry.at, entry.actor, entry.action, entry.targetType, entry.targetId, JSON.stringify(entry.details)],
    );
  }

  async listAudit(filter: { targetId?: string; limit: number }): Promise<AuditEntry[]> {
    const columns = "id, at, actor, action, target_type, target_id, details";
    const rows = filter.targetId
      ? await this.sql.all<AuditRow>(
          `SELECT ${columns} FROM switchyard_audit WHERE target_id = $1 ORDER BY at DESC, id LIMIT $2`,
          [filter.targetId, filter.limit],
        )
      : await this.sql.all<AuditRow>(`SELECT ${columns} FROM switchyard_audit ORDER BY at DESC, id LIMIT $1`, [
          filter.limit,
        ]);
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      targetType: row.target_type === "project" ? "project" : "key",
      targetId: row.target_id,
      details: JSON.parse(row.details) as Record<string, unknown>,
    }));
  }
}

function keyValues(key: KeyRecord): SqlValue[] {
  return [
    key.id,
    key.name,
    key.projectId ?? null,
    key.displayPrefix,
    key.hash,
    JSON.stringify(key.metadata),
    JSON.stringify(key.models),
    JSON.stringify(key.endpoints),
    jsonOrNull(key.limits),
    jsonOrNull(key.budget),
    key.expiresAt ?? null,
    key.enabled ? 1 : 0,
    key.revokedAt ?? null,
    key.createdAt,
    key.updatedAt,
  ];
}

function toKey(row: KeyRow): KeyRecord {
  return {
    id: row.id,
    name: row.name,
    projectId: row.project_id ?? undefined,
    displayPrefix: row.display_prefix,
    hash: row.key_hash,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    models: JSON.parse(row.models) as string[],
    endpoints: JSON.parse(row.endpoints) as string[],
    limits: row.limits ? (JSON.parse(row.limits) as KeyRecord["limits"]) : undefined,
    budget: row.budget ? (JSON.parse(row.budget) as KeyRecord["budget"]) : undefined,
    expiresAt: row.expires_at ?? undefined,
    enabled: Number(row.enabled) === 1,
    revokedAt: row.revoked_at ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toProject(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    name: row.name,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    limits: row.limits ? (JSON.parse(row.limits) as ProjectRecord["limits"]) : undefined,
    budget: row.budget ? (JSON.parse(row.budget) as ProjectRecord["budget"]) : undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function withoutUndefined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
