import { GatewayError } from "../../contract/errors.js";

export const METADATA_HEADER = "x-switchyard-metadata";
const MAX_ENTRIES = 32;
const MAX_KEY_LENGTH = 64;
const MAX_VALUE_LENGTH = 512;

/**
 * The request's custom metadata: OpenAI's `metadata` field, overlaid by the
 * x-switchyard-metadata header (a JSON object of strings). Bounded in count and size; a bad
 * header is a 400 that says what is wrong.
 */
export function readRequestMetadata(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  bodyMetadata: Record<string, string> | undefined,
): Record<string, string> {
  const metadata: Record<string, string> = { ...bodyMetadata };
  const header = headers[METADATA_HEADER];
  if (header === undefined) return metadata;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Array.isArray(header) ? (header[0] ?? "") : header);
  } catch {
    throw invalid("it is not valid JSON");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw invalid("it must be a JSON object");
  const entries = Object.entries(parsed);
  if (entries.length > MAX_ENTRIES) throw invalid(`it has ${entries.length} keys; at most ${MAX_ENTRIES} are allowed`);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH)
      throw invalid(`key "${key.slice(0, 80)}" must be 1 to ${MAX_KEY_LENGTH} characters`);
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      throw invalid(`the value of "${key}" must be a string, number or boolean`);
    }
    const text = String(value);
    if (text.length > MAX_VALUE_LENGTH)
      throw invalid(`the value of "${key}" is longer than ${MAX_VALUE_LENGTH} characters`);
    metadata[key] = text;
  }
  return metadata;
}

function invalid(reason: string): GatewayError {
  return new GatewayError("invalid_request", `The ${METADATA_HEADER} header is not valid: ${reason}.`, {
    param: METADATA_HEADER,
  });
}
