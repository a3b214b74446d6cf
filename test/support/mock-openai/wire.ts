// Small helpers for reading the loosely-typed JSON bodies that reach the mock.

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

export function stringField(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === "string" ? value : undefined;
}

/** Text of a message `content`: a string, or the text parts of an array joined with a space. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  return objectsIn(content)
    .map((part) => (part["type"] === "text" ? stringField(part, "text") : undefined))
    .filter((text): text is string => text !== undefined)
    .join(" ");
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => word.length > 0).length;
}

/**
 * Splits text into token-like pieces ("Echo", ":", " hello", " ✓") whose concatenation is the text.
 * Used both for stream deltas and for logprobs tokens.
 */
export function textPieces(text: string): string[] {
  const pieces = text.match(/\s*(?:[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]+)|\s+$/gu) ?? [];
  return pieces.join("") === text ? pieces : [text];
}

/** Splits text into exactly `count` pieces of near-equal length (by code point); some may be empty. */
export function evenPieces(text: string, count: number): string[] {
  const characters = Array.from(text);
  return Array.from({ length: count }, (_, index) =>
    characters
      .slice(Math.floor((index * characters.length) / count), Math.floor(((index + 1) * characters.length) / count))
      .join(""),
  );
}

/** Which front door a request came through: OpenAI's `/v1/...` or Azure's classic deployment paths. */
export type Dialect = "openai" | "azure";
