import type { RouteHandler } from "../inbound/http/exchange.js";
import { handleHealthTargets } from "./health-targets-handler.js";

/** The admin API, mounted apart from the /v1 data plane. */
export function adminRoutes(): Map<string, Partial<Record<string, RouteHandler>>> {
  return new Map([["/admin/health/targets", { GET: handleHealthTargets }]]);
}
