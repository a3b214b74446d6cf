import { createHash, timingSafeEqual } from "node:crypto";
import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";

/** Admin routes need `Authorization: Bearer <admin.masterKey>`; compared in constant time. */
export function authorizeAdmin(exchange: Exchange): void {
  const masterKey = exchange.runtime.config.admin.masterKey;
  if (!masterKey) {
    throw new GatewayError("admin_disabled", "The admin API is off: set admin.masterKey in the config to use it.");
  }
  const header = exchange.request.headers.authorization ?? "";
  const presented = header.startsWith("Bearer ") ? header.slice("Bearer ".length).trim() : "";
  if (!presented)
    throw new GatewayError("admin_unauthorized", "The admin API needs Authorization: Bearer <admin.masterKey>.");
  // Hashing first gives equal lengths, so the comparison time says nothing about the key.
  const expected = createHash("sha256").update(masterKey).digest();
  const actual = createHash("sha256").update(presented).digest();
  if (!timingSafeEqual(expected, actual))
    throw new GatewayError("admin_forbidden", "This key may not use the admin API.");
}
