import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Layers that point one way. From the bottom:
 *
 *   contract < wire < stores < (outbound, privacy, config) < providers, router, rag, telemetry
 *   < pipeline, plugins < app < inbound < admin < main, cli
 *
 * Enforced here are the rules that hold today and must keep holding:
 * - stores/ imports only contract/, wire/ and other stores (and packages);
 * - telemetry/ imports neither admin/ nor inbound/ (the HTTP handlers sit above it);
 * - inbound/ never imports providers/: a dialect meets a provider only through contract/ and wire/.
 */
const FORBIDDEN: ReadonlyArray<{ from: string; allowed?: readonly string[]; denied?: readonly string[] }> = [
  { from: "stores", allowed: ["contract", "wire", "stores"] },
  { from: "telemetry", denied: ["admin", "inbound"] },
  { from: "inbound", denied: ["providers"] },
];

const SRC = resolve(import.meta.dirname, "../src");
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "__fixtures__" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** src/<folder>/… → folder; a file directly in src/ is its own name. */
function topFolder(path: string): string {
  return relative(SRC, path).split("/")[0] ?? "";
}

function crossFolderImports(): Array<{ file: string; from: string; to: string }> {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(SPECIFIER)]
      .map((match) => match[1] as string)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => ({
        file: relative(SRC, file),
        from: topFolder(file),
        to: topFolder(resolve(dirname(file), specifier)),
      })),
  );
}

describe("import layers", () => {
  const imports = crossFolderImports();

  it("reads the imports of the source tree", () => {
    expect(imports.some((edge) => edge.from === "inbound" && edge.to === "contract")).toBe(true);
  });

  for (const rule of FORBIDDEN) {
    it(`${rule.from}/ imports ${rule.allowed ? `only ${rule.allowed.join(", ")}` : `no ${rule.denied?.join(" or ")}`}`, () => {
      const broken = imports.filter(
        (edge) =>
          edge.from === rule.from &&
          (rule.allowed ? !rule.allowed.includes(edge.to) : (rule.denied ?? []).includes(edge.to)),
      );
      expect(broken.map((edge) => `${edge.file} -> ${edge.to}`)).toEqual([]);
    });
  }
});
