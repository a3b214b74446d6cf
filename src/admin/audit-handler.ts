import type { Exchange } from "../inbound/http/exchange.js";
import { adminKeys, sendAdminJson } from "./admin-request.js";

/** GET /admin/audit[?target=<id>&limit=N]: admin changes, newest first. */
export async function handleListAudit(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const query = new URL(exchange.request.url ?? "/", "http://gateway").searchParams;
  const limit = Math.min(1_000, Math.max(1, Number(query.get("limit") ?? 100) || 100));
  const entries = await keys.store.listAudit({ targetId: query.get("target") ?? undefined, limit });
  sendAdminJson(exchange, 200, { object: "list", data: entries });
}
