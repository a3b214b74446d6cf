import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { readJsonBody } from "../inbound/http/read-json-body.js";
import { sendJson } from "../inbound/http/send.js";
import { validRequestBody } from "../inbound/validation-error.js";
import type { GatewayKeys } from "../plugins/keys/gateway-keys.js";
import type { AuditEntry } from "../stores/keys/key-records.js";
import { authorizeAdmin } from "./authorize-admin.js";

/** Authorises the master key and gives the runtime's key service. */
export function adminKeys(exchange: Exchange): GatewayKeys {
  authorizeAdmin(exchange);
  const keys = exchange.runtime.keys;
  if (!keys) throw new GatewayError("internal_error", "Gateway keys are not available in this runtime.");
  return keys;
}

/** The body validated by a schema; a bad field gives 400 naming it. */
export async function readAdminBody<T>(exchange: Exchange, schema: z.ZodType<T>): Promise<T> {
  return validRequestBody(schema, await readJsonBody(exchange));
}

/** The path segment at `index` (`/admin/keys/:id` → index 3). */
export function pathSegment(exchange: Exchange, index: number): string {
  return decodeURIComponent(exchange.path.split("/")[index] ?? "");
}

export function sendAdminJson(exchange: Exchange, status: number, body: unknown): void {
  sendJson(exchange, status, JSON.stringify(body));
}

/**
 * Records an admin change. The actor is the master key (the only admin credential) plus
 * the x-switchyard-actor header when a person or tool names itself.
 */
export async function audit(
  keys: GatewayKeys,
  exchange: Exchange,
  entry: Pick<AuditEntry, "action" | "targetType" | "targetId" | "details">,
): Promise<void> {
  const named = exchange.request.headers["x-switchyard-actor"];
  const actor = typeof named === "string" && named.trim() ? `master-key (${named.trim().slice(0, 100)})` : "master-key";
  await keys.store.appendAudit({ id: `audit_${randomUUID()}`, at: new Date().toISOString(), actor, ...entry });
}
