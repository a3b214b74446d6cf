import { randomBytes } from "node:crypto";
import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { generateKeySecret } from "../plugins/keys/key-secret.js";
import type { KeyRecord } from "../stores/keys/key-records.js";
import { adminKeys, audit, pathSegment, readAdminBody, sendAdminJson } from "./admin-request.js";
import { createKeySchema, updateKeySchema } from "./key-admin-schemas.js";
import { keyView } from "./key-view.js";
import { requireProject } from "./project-handlers.js";

/** POST /admin/keys: the answer holds the secret, this once. */
export async function handleCreateKey(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const body = await readAdminBody(exchange, createKeySchema);
  if (body.project) await requireProject(exchange, body.project);
  const { secret, hash, displayPrefix } = generateKeySecret();
  const now = new Date().toISOString();
  const key: KeyRecord = {
    id: `key_${randomBytes(8).toString("hex")}`,
    name: body.name,
    projectId: body.project,
    displayPrefix,
    hash,
    metadata: body.metadata,
    models: body.models,
    endpoints: body.endpoints,
    limits: body.limits,
    budget: body.budget,
    expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : undefined,
    enabled: body.enabled,
    createdAt: now,
    updatedAt: now,
  };
  await keys.store.createKey(key);
  await audit(keys, exchange, { action: "key.create", targetType: "key", targetId: key.id, details: body });
  sendAdminJson(exchange, 201, keyView(key, secret));
}

/** GET /admin/keys[?project=<id>] */
export async function handleListKeys(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const query = new URL(exchange.request.url ?? "/", "http://gateway").searchParams;
  const list = await keys.store.listKeys({ projectId: query.get("project") ?? undefined });
  sendAdminJson(exchange, 200, { object: "list", data: list.map((key) => keyView(key)) });
}

/** GET /admin/keys/:id */
export async function handleGetKey(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const id = pathSegment(exchange, 3);
  const key = await keys.store.getKey(id);
  if (!key) throw notFound(id);
  sendAdminJson(exchange, 200, keyView(key));
}

/** PATCH /admin/keys/:id: takes effect on every instance at once (see GatewayKeys.changed). */
export async function handleUpdateKey(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const id = pathSegment(exchange, 3);
  const body = await readAdminBody(exchange, updateKeySchema);
  const changes = { ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : body.expiresAt };
  const updated = await keys.store.updateKey(id, changes, new Date().toISOString());
  if (!updated) throw notFound(id);
  await keys.changed();
  await audit(keys, exchange, { action: "key.update", targetType: "key", targetId: id, details: body });
  sendAdminJson(exchange, 200, keyView(updated));
}

/** DELETE /admin/keys/:id: revokes the key; the row stays for the audit trail and logs. */
export async function handleRevokeKey(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const id = pathSegment(exchange, 3);
  const revoked = await keys.store.revokeKey(id, new Date().toISOString());
  if (!revoked) throw notFound(id);
  await keys.changed();
  await audit(keys, exchange, { action: "key.revoke", targetType: "key", targetId: id, details: {} });
  sendAdminJson(exchange, 200, keyView(revoked));
}

/** POST /admin/keys/:id/rotate: a new secret, returned once; the old one stops working at once. */
export async function handleRotateKey(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const id = pathSegment(exchange, 3);
  const { secret, hash, displayPrefix } = generateKeySecret();
  const rotated = await keys.store.replaceSecret(id, hash, displayPrefix, new Date().toISOString());
  if (!rotated) {
    if (await keys.store.getKey(id))
      throw new GatewayError("key_revoked", `The key "${id}" is revoked and cannot be rotated.`);
    throw notFound(id);
  }
  await keys.changed();
  await audit(keys, exchange, { action: "key.rotate", targetType: "key", targetId: id, details: { displayPrefix } });
  sendAdminJson(exchange, 200, keyView(rotated, secret));
}

function notFound(id: string): GatewayError {
  return new GatewayError("key_not_found", `There is no key "${id}".`);
}
