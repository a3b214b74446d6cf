import type { z } from "zod";
import { formatIssuePath } from "../config/format-issues.js";
import { GatewayError } from "../spec/errors.js";

/** Turns the first schema problem of a request body into a 400 that names the field. */
export function toValidationError(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  if (!issue) return new GatewayError("invalid_request", "The request body is not valid.");
  const param = formatIssuePath(issue.path);
  const code = param === "model" ? "model_required" : "invalid_request";
  return new GatewayError(code, `Invalid '${param}': ${issue.message}.`, { param });
}
