import type { KeyRecord } from "../stores/keys/key-records.js";

/** A key as the admin API shows it: everything but the hash (the secret itself is never kept). */
export function keyView(key: KeyRecord, secret?: string): Record<string, unknown> {
  const { hash: _hash, projectId, ...rest } = key;
  const status = key.revokedAt
    ? "revoked"
    : key.expiresAt && Date.parse(key.expiresAt) <= Date.now()
      ? "expired"
      : key.enabled
        ? "active"
        : "disabled";
  return { object: "key", ...rest, project: projectId ?? null, status, ...(secret !== undefined && { key: secret }) };
}
