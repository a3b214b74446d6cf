import type { GatewayError } from "../contract/errors.js";

/**
 * Whether a failed attempt matches a configured condition: `timeout`, `connect` (unreachable),
 * `bad_response` (garbage or a broken stream), an exact status (`429`), a status class (`5xx`),
 * or an error code of the gateway or the upstream (`content_filter`, `insufficient_quota`).
 */
export function matchesCondition(error: GatewayError, condition: string): boolean {
  switch (condition) {
    case "timeout":
      return error.code === "upstream_timeout";
    case "connect":
      return error.code === "upstream_unreachable";
    case "bad_response":
      return error.code === "upstream_bad_response" || error.code === "upstream_stream_error";
  }
  if (/^\d{3}$/.test(condition)) return error.code === "upstream_error" && error.status === Number(condition);
  if (/^[1-5]xx$/.test(condition)) {
    return error.code === "upstream_error" && Math.floor(error.status / 100) === Number(condition[0]);
  }
  return error.code === condition || error.upstream?.code === condition;
}

export function matchesAny(error: GatewayError, conditions: readonly string[]): boolean {
  return conditions.some((condition) => matchesCondition(error, condition));
}
