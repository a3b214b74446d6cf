import type { AuditEntry, KeyRecord, ProjectRecord, VerifiedKey } from "./key-records.js";

export type ProjectChanges = Partial<Pick<ProjectRecord, "name" | "metadata" | "limits" | "budget">>;
/** Fields to change; null clears an optional one (limits, budget, expiresAt). */
export type KeyChanges = Partial<Pick<KeyRecord, "name" | "metadata" | "models" | "endpoints" | "enabled">> & {
  limits?: KeyRecord["limits"] | null;
  budget?: KeyRecord["budget"] | null;
  expiresAt?: string | null;
};

/** Projects, keys and the admin audit trail; SQLite or PostgreSQL behind one interface. */
export interface KeyStore {
  createProject(project: ProjectRecord): Promise<void>;
  listProjects(): Promise<ProjectRecord[]>;
  getProject(id: string): Promise<ProjectRecord | undefined>;
  updateProject(id: string, changes: ProjectChanges, at: string): Promise<ProjectRecord | undefined>;
  /** Deletes the project and revokes its keys; false when there was no such project. */
  deleteProject(id: string, at: string): Promise<boolean>;
  createKey(key: KeyRecord): Promise<void>;
  listKeys(filter?: { projectId?: string }): Promise<KeyRecord[]>;
  getKey(id: string): Promise<KeyRecord | undefined>;
  findByHash(hash: string): Promise<VerifiedKey | undefined>;
  updateKey(id: string, changes: KeyChanges, at: string): Promise<KeyRecord | undefined>;
  /** Gives the key a new secret; the old one stops working. */
  replaceSecret(id: string, hash: string, displayPrefix: string, at: string): Promise<KeyRecord | undefined>;
  revokeKey(id: string, at: string): Promise<KeyRecord | undefined>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(filter: { targetId?: string; limit: number }): Promise<AuditEntry[]>;
}
