import type { Budget, Limits } from "./limits-schema.js";

export interface ProjectRecord {
  id: string;
  name: string;
  metadata: Record<string, string>;
  limits?: Limits;
  budget?: Budget;
  createdAt: string;
  updatedAt: string;
}

/** A gateway key as stored: never the secret, only its hash and a short prefix to recognise it. */
export interface KeyRecord {
  id: string;
  name: string;
  projectId?: string;
  /** The first characters of the secret, for people to tell keys apart. */
  displayPrefix: string;
  /** SHA-256 of the secret, hex. */
  hash: string;
  metadata: Record<string, string>;
  /** Glob patterns of the models the client may name; empty: every model. */
  models: string[];
  /** Endpoints the key may call (chat, embeddings, count_tokens); empty: all. */
  endpoints: string[];
  limits?: Limits;
  budget?: Budget;
  expiresAt?: string;
  enabled: boolean;
  revokedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  /** Who made the change: "master-key" (or the CLI user agent's name when given). */
  actor: string;
  action: string;
  targetType: "project" | "key";
  targetId: string;
  details: Record<string, unknown>;
}

/** A key with its project, as the request path needs it. */
export interface VerifiedKey {
  key: KeyRecord;
  project?: ProjectRecord;
}
