// Reading the loosely-typed Messages API bodies that reach the mock.
import { countWords, isJsonObject, type JsonObject, objectsIn, stringField } from "../mock-openai/wire.js";

export { countWords, isJsonObject, type JsonObject, objectsIn, stringField };

/** A message's content as blocks: a string is one text block. */
export function blocksOf(content: unknown): JsonObject[] {
  return typeof content === "string" ? [{ type: "text", text: content }] : objectsIn(content);
}

/** The text blocks of a content value (string or blocks), joined with a space. */
export function textOf(content: unknown): string {
  return blocksOf(content)
    .filter((block) => block["type"] === "text")
    .map((block) => stringField(block, "text") ?? "")
    .join(" ");
}

/** Words a block stands for; the mock's "tokens". Images and documents count a flat amount. */
export function blockWords(block: JsonObject): number {
  switch (block["type"]) {
    case "text":
      return countWords(stringField(block, "text") ?? "");
    case "thinking":
      return countWords(stringField(block, "thinking") ?? "");
    case "tool_use":
      return countWords(`${stringField(block, "name") ?? ""} ${JSON.stringify(block["input"] ?? {})}`);
    case "tool_result":
      return blocksOf(block["content"]).reduce((sum, inner) => sum + blockWords(inner), 0);
    case "image":
    case "document":
      return 10;
    default:
      return 0;
  }
}
