import type { RouteInfo } from "../../pipeline/run-chat.js";

/** Tells the client where its request went: provider, upstream model and how many attempts it took. */
export function routeHeaders(route: RouteInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  if (route.provider) headers["x-switchyard-provider"] = route.provider;
  if (route.upstreamModel) headers["x-switchyard-model"] = route.upstreamModel;
  headers["x-switchyard-attempts"] = String(route.attempts.length);
  if (route.upstreamRequestId) headers["x-switchyard-upstream-request-id"] = route.upstreamRequestId;
  return headers;
}
