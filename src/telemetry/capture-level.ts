import type { TelemetryConfig } from "../config/telemetry-schema.js";
import type { CaptureLevel } from "../contract/log-event.js";
import type { RequestAuth } from "../contract/request-context.js";

export const CAPTURE_HEADER = "x-switchyard-log";
const RANK: Record<CaptureLevel, number> = { none: 0, metadata: 1, full: 2 };

/**
 * The capture level of one request: the key's level, else the virtual model's, else the global
 * one. The x-switchyard-log header may lower it, and raise it only up to the key's
 * `allowRaiseTo`. An unknown header value is ignored.
 */
export function captureLevelFor(
  capture: TelemetryConfig["capture"],
  virtualModel: string | undefined,
  auth: RequestAuth | undefined,
  headers: Readonly<Record<string, string | string[] | undefined>>,
): CaptureLevel {
  const configured =
    auth?.logCapture?.level ?? (virtualModel ? capture.models[virtualModel] : undefined) ?? capture.level;
  const header = headers[CAPTURE_HEADER];
  const asked = typeof header === "string" ? header.trim().toLowerCase() : undefined;
  if (asked !== "none" && asked !== "metadata" && asked !== "full") return configured;
  if (RANK[asked] <= RANK[configured]) return asked;
  const ceiling = auth?.logCapture?.allowRaiseTo ?? "none";
  return RANK[asked] <= RANK[ceiling] ? asked : configured;
}
