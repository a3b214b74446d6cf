// The object-literal rules of docs/performance.md ("Object-literal shapes"), checked with the
// TypeScript parser in the modules that run per event or per exchange: stream decoders and
// encoders, the exchange, chunk and SSE framing, the abort and deadline plumbing, and the log
// record. Code that runs once per request or at start uses ordinary spreads, which the type
// checker sees through. zod's safeParse is kept off every request-body decoder as well.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** Per-event and per-exchange modules, as folder and file-name pattern. */
const HOT_PATH: ReadonlyArray<readonly [string, RegExp]> = [
  ["src/inbound/http", /^(exchange.*|write-sse)\.ts$/],
  ["src/inbound/openai-chat", /^encode-stream.*\.ts$/],
  ["src/inbound/anthropic-messages", /^encode-stream.*\.ts$/],
  [
    "src/outbound",
    /^(chunk-stream|sse-framing|ndjson-framing|read-aws-event-stream|utf8-stream-decoder|stream-truncated|upstream-body|abort-scope|deadlines|follow-abort)\.ts$/,
  ],
  ["src/providers/openai", /^(stream|.*-stream-decoder)\.ts$/],
  ["src/providers/anthropic", /^(stream|.*-stream-decoder)\.ts$/],
  ["src/providers/bedrock", /^(stream|.*-stream-decoder)\.ts$/],
  ["src/providers/cohere", /^(stream|.*-stream-decoder)\.ts$/],
  ["src/providers/gemini", /^(stream|.*-stream-decoder)\.ts$/],
  ["src/providers/ollama", /^(stream|.*-stream-decoder)\.ts$/],
  ["src/pipeline", /^(tap-stream|stream-response-assembler|response-to-stream)\.ts$/],
  ["src/telemetry", /^(telemetry|to-log-record)\.ts$/],
  ["src/stores/logs", /^log-record\.ts$/],
];

/** Where request bodies are validated: one failed safeParse per rejected request. */
const BODY_DECODERS: ReadonlyArray<readonly [string, RegExp]> = [
  ["src/inbound/openai-chat", /^decode-.*\.ts$/],
  ["src/inbound/anthropic-messages", /^decode-.*\.ts$/],
  ["src/inbound/openai-embeddings", /^decode-.*\.ts$/],
];

function sourceFiles([folder, name]: readonly [string, RegExp]): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((file) => name.test(file) && !file.endsWith(".test.ts"))
    .map((file) => join(ROOT, folder, file));
}

function lineOf(source: ts.SourceFile, node: ts.Node): string {
  const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  return `${relative(ROOT, source.fileName)}:${line}: ${node.getText().replace(/\s+/g, " ").slice(0, 80)}`;
}

function findAll(files: string[], offends: (node: ts.Node) => boolean): string[] {
  const found: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (offends(node)) found.push(lineOf(source, node));
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function isSafeParse(node: ts.Node): boolean {
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === "safeParse"
  );
}

function isCostlyLiteral(node: ts.Node): boolean {
  if (!ts.isObjectLiteralExpression(node)) return false;
  const [first, ...rest] = node.properties;
  const spreadThenMore = first !== undefined && ts.isSpreadAssignment(first) && rest.length > 0;
  const accessor = node.properties.some((property) => ts.isGetAccessor(property) || ts.isSetAccessor(property));
  return spreadThenMore || accessor;
}

describe("object literals and zod calls where they cost", () => {
  const hot = HOT_PATH.flatMap(sourceFiles);

  it("finds every hot-path module it names", () => {
    for (const entry of HOT_PATH) expect(sourceFiles(entry), String(entry[1])).not.toEqual([]);
  });

  it("has no getter or setter in a literal and no spread followed by more properties per event", () => {
    expect(findAll(hot, isCostlyLiteral)).toEqual([]);
  });

  it("has no safeParse per event or per request body", () => {
    expect(findAll([...hot, ...BODY_DECODERS.flatMap(sourceFiles)], isSafeParse)).toEqual([]);
  });
});
