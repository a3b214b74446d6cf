// What DEVELOPERS.md ("The request path") keeps off the request path, found with the TypeScript
// parser in the modules every chat request runs through: two object-literal shapes, and zod's
// safeParse, whose failed result is such a literal.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
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
  // Gateway keys run on every request; limits on every request of a key with limits.
  "src/plugins/keys",
  "src/plugins/limits",
];

/** In those folders but run at start and on reload, not per request. */
const AT_START = new Set(["src/pipeline/load-plugins.ts"]);

function sourceFiles(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !AT_START.has(join(path, name)))
    .map((name) => join(full, name));
}

/** Each offending literal or call as `file:line: text`. */
function offendingLiterals(): string[] {
  const found: string[] = [];
  for (const file of REQUEST_PATH.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      const safeParse =
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === "safeParse";
      if (safeParse) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${relative(ROOT, file)}:${line}: ${node.getText().slice(0, 80)}`);
      }
      if (ts.isObjectLiteralExpression(node)) {
        const [first, ...rest] = node.properties;
        const spreadThenMore = first !== undefined && ts.isSpreadAssignment(first) && rest.length > 0;
        const accessor = node.properties.some((property) => ts.isGetAccessor(property) || ts.isSetAccessor(property));
        if (spreadThenMore || accessor) {
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          found.push(`${relative(ROOT, file)}:${line}: ${node.getText().replace(/\s+/g, " ").slice(0, 80)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe("object literals and zod calls on the request path", () => {
  it("has no getter or setter in a literal, no spread followed by more properties, no safeParse", () => {
    expect(offendingLiterals()).toEqual([]);
  });
});
