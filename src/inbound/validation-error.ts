import { z } from "zod";
import { formatIssuePath } from "../config/format-issues.js";
import { GatewayError } from "../contract/errors.js";

/** Turns the first schema problem of a request body into a 400 that names the field. */
function toValidationError(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  if (!issue) return new GatewayError("invalid_request", "The request body is not valid.");
  const param = formatIssuePath(issue.path);
  const code = param === "model" ? "model_required" : "invalid_request";
  return new GatewayError(code, `Invalid '${param}': ${issue.message}.`, { param });
}

/**
 * The body (or a part of it) as `schema` reads it, or its first problem as a 400 (`toError`).
 * zod's `parse` rather than `safeParse`: a failed safeParse builds its result with a getter in an
 * object literal, which keeps the rejected body alive until the next full garbage collection
 * (DEVELOPERS.md, "The request path"; docs/performance.md, Object-literal shapes).
 */
export function validRequestBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
  toError: (error: z.ZodError) => GatewayError = toValidationError,
): T {
  try {
    return schema.parse(body);
  } catch (error) {
    if (error instanceof z.ZodError) throw toError(error);
    throw error;
  }
}
