import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { authorizeAdmin } from "./authorize-admin.js";

/**
 * GET /metrics: the process's Prometheus registry in the text exposition format. An operator's
 * route like the admin API, whose master key it can require.
 */
export async function handleMetrics(exchange: Exchange): Promise<void> {
  const telemetry = exchange.runtime.telemetry;
  if (!telemetry || !exchange.runtime.config.telemetry.metrics.enabled) {
    throw new GatewayError("route_not_found", "Metrics are off (telemetry.metrics.enabled: false).");
  }
  if (exchange.runtime.config.telemetry.metrics.requireMasterKey) authorizeAdmin(exchange);
  const registry = telemetry.metrics.registry;
  const body = await registry.metrics();
  exchange.response.writeHead(200, {
    "content-type": registry.contentType,
    "content-length": Buffer.byteLength(body),
    "x-request-id": exchange.requestId,
  });
  exchange.response.end(body);
}
