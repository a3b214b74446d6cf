import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import { authorizeAdmin } from "./authorize-admin.js";

/** GET /admin/health/targets: each target's circuit, load and recent latency. */
export async function handleHealthTargets(exchange: Exchange): Promise<void> {
  authorizeAdmin(exchange);
  sendJson(exchange, 200, JSON.stringify({ object: "list", data: exchange.runtime.health.snapshot() }));
}
