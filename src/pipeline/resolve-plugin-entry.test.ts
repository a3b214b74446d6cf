import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { resolvePluginEntry } from "./resolve-plugin-entry.js";

function folderWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "switchyard-resolve-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("resolvePluginEntry", () => {
  it("resolves a file path from the config folder; .ts files go through tsx", () => {
    const root = folderWith({ "plugins/a.ts": "", "plugins/b.js": "" });
    expect(resolvePluginEntry("./plugins/a.ts", root)).toEqual({
      specifier: pathToFileURL(join(root, "plugins/a.ts")).href,
      typescript: true,
    });
    expect(resolvePluginEntry("./plugins/b.js", root).typescript).toBe(false);
  });

  it("resolves a package folder through its exports, main, or index.js", () => {
    const root = folderWith({
      "exports/package.json": JSON.stringify({ exports: { ".": { import: "./src/entry.ts" } } }),
      "main/package.json": JSON.stringify({ main: "lib/main.js" }),
      "bare/index.js": "",
    });
    expect(resolvePluginEntry("./exports", root)).toEqual({
      specifier: pathToFileURL(join(root, "exports/src/entry.ts")).href,
      typescript: true,
    });
    expect(resolvePluginEntry("./main", root).specifier).toBe(pathToFileURL(join(root, "main/lib/main.js")).href);
    expect(resolvePluginEntry("./bare", root).specifier).toBe(pathToFileURL(join(root, "bare/index.js")).href);
  });

  it("finds an npm package installed next to the config, else leaves the name to Node", () => {
    const root = folderWith({
      "node_modules/my-plugin/package.json": JSON.stringify({ name: "my-plugin", exports: "./dist/index.js" }),
    });
    expect(resolvePluginEntry("my-plugin", root).specifier).toBe(
      pathToFileURL(join(root, "node_modules/my-plugin/dist/index.js")).href,
    );
    expect(resolvePluginEntry("not-installed-anywhere", root)).toEqual({
      specifier: "not-installed-anywhere",
      typescript: false,
    });
  });
});
