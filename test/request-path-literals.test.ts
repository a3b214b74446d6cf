// The object-literal rules of docs/performance.md ("Object-literal shapes"), checked with the
// TypeScript parser in the modules that run per request or per stream event. Modules of those
// folders that run at start or on reload use ordinary spreads, which the type checker sees
// through. zod's safeParse is kept off the same modules.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** The folders and files every chat request runs through. */
const REQUEST_PATH = [
  "src/inbound/http",
  "src/inbound/openai-chat",
  "src/inbound/anthropic-messages",
  "src/inbound/openai-embeddings",
  "src/outbound",
  "src/pipeline",
  "src/router/call-targets.ts",
  "src/router/attempt-abort.ts",
  "src/providers",
  "src/providers/openai",
  "src/providers/anthropic",
  "src/providers/azure",
  "src/providers/bedrock",
  "src/providers/cohere",
  "src/providers/gemini",
  "src/providers/ollama",
  "src/providers/openai-compatible",
  "src/telemetry/telemetry.ts",
  "src/telemetry/to-log-record.ts",
  "src/telemetry/gateway-metrics.ts",
  "src/telemetry/enrich-log-event.ts",
  "src/stores/logs/log-record.ts",
  // Gateway keys run on every request; limits on every request of a key with limits.
  "src/plugins/keys",
  "src/plugins/limits",
];

/**
 * Modules in those folders that run at start or on reload (building providers, routes, schemas
 * and plugins), or for a plugin's own model call rather than the client's request.
 */
const AT_START =
  /\/(create-[\w-]+|provider-factor(y|ies)|providers-from-env|split-base-url|provider-config-error|azure-endpoints|config|routes|dialect|wire-schema|load-plugins|resolve-plugin-entry|model-client|limits-schema)\.ts$/;

function sourceFiles(path: string): string[] {
  const full = join(ROOT, path);
  if (path.endsWith(".ts")) return [full];
  return readdirSync(full)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .map((name) => join(full, name))
    .filter((file) => !AT_START.test(file));
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

describe("object literals and zod calls on the request path", () => {
  const files = REQUEST_PATH.flatMap(sourceFiles);

  it("has no getter or setter in a literal and no spread followed by more properties", () => {
    expect(findAll(files, isCostlyLiteral)).toEqual([]);
  });

  it("has no safeParse", () => {
    expect(findAll(files, isSafeParse)).toEqual([]);
  });
});
