// Reading the loosely-typed generateContent bodies that reach the mock. Requests are proto3 JSON,
// so every field may arrive in camelCase or snake_case; the mock accepts both, as Google does.
import { isJsonObject, type JsonObject, objectsIn } from "../mock-openai/wire.js";

export { countWords, isJsonObject, type JsonObject, objectsIn, textPieces } from "../mock-openai/wire.js";

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** A field under its camelCase or snake_case name. */
export function field(object: JsonObject | undefined, camelName: string): unknown {
  if (!object) return undefined;
  return object[camelName] ?? object[snakeCase(camelName)];
}

export function objectField(object: JsonObject | undefined, camelName: string): JsonObject | undefined {
  const value = field(object, camelName);
  return isJsonObject(value) ? value : undefined;
}

export function partsOf(content: JsonObject | undefined): JsonObject[] {
  return objectsIn(field(content, "parts"));
}

/** The text parts (not thoughts) of some parts, joined with a space. */
export function textOf(parts: readonly JsonObject[]): string {
  return parts
    .filter((part) => typeof part["text"] === "string" && part["thought"] !== true)
    .map((part) => part["text"] as string)
    .join(" ");
}

export function functionDeclarationNames(body: JsonObject): string[] {
  return objectsIn(body["tools"]).flatMap((tool) =>
    objectsIn(field(tool, "functionDeclarations"))
      .map((declaration) => declaration["name"])
      .filter((name): name is string => typeof name === "string"),
  );
}
