import type { Exchange } from "../http/exchange.js";
import { sendJson } from "../http/send.js";

/** GET / (and HEAD /, which clients send to check a base URL): says what answers here. */
export async function handleRoot(exchange: Exchange): Promise<void> {
  sendJson(exchange, 200, JSON.stringify({ service: "switchyard", status: "ok", api: "/v1", health: "/healthz" }));
}

/** GET /healthz: the process is up and serving HTTP. */
export async function handleHealth(exchange: Exchange): Promise<void> {
  sendJson(exchange, 200, JSON.stringify({ status: "ok" }));
}

/** GET /readyz: config loaded, storage reachable, not shutting down. */
export async function handleReady(exchange: Exchange): Promise<void> {
  const checks = await exchange.runtime.readiness();
  const ready = Object.values(checks).every((check) => check === "ok");
  sendJson(exchange, ready ? 200 : 503, JSON.stringify({ status: ready ? "ready" : "not_ready", checks }));
}
