import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Where a plugin module is: a file URL, or a bare name left to Node's resolution. */
export interface PluginEntryLocation {
  specifier: string;
  /** True when the module is a TypeScript file (loaded through tsx). */
  typescript: boolean;
}

/**
 * Resolves a config's `use:` that is not a built-in: a file, a package folder (its
 * package.json `exports` or `main`), or an npm package installed next to the config file
 * (falling back to the gateway's own node_modules).
 */
export function resolvePluginEntry(use: string, configDirectory: string): PluginEntryLocation {
  const isPath = use.startsWith(".") || isAbsolute(use);
  if (isPath) {
    const path = resolve(configDirectory, use);
    const file = existsSync(path) && statSync(path).isDirectory() ? packageEntry(path) : path;
    return { specifier: pathToFileURL(file).href, typescript: /\.[mc]?tsx?$/.test(file) };
  }
  const installed = installedPackage(use, configDirectory);
  if (installed) return { specifier: pathToFileURL(installed).href, typescript: /\.[mc]?tsx?$/.test(installed) };
  return { specifier: use, typescript: false };
}

/** The entry file a package folder names: exports["."] (import or default), else main, else index.js. */
function packageEntry(folder: string): string {
  const manifestPath = join(folder, "package.json");
  if (!existsSync(manifestPath)) return join(folder, "index.js");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { exports?: unknown; main?: string };
  const exported = pickExport(manifest.exports);
  return join(folder, exported ?? manifest.main ?? "index.js");
}

function pickExport(exports: unknown): string | undefined {
  if (typeof exports === "string") return exports;
  if (typeof exports !== "object" || exports === null) return undefined;
  const record = exports as Record<string, unknown>;
  const root = "." in record ? record["."] : record;
  if (typeof root === "string") return root;
  if (typeof root !== "object" || root === null) return undefined;
  const conditions = root as Record<string, unknown>;
  for (const condition of ["import", "default", "node"]) {
    const target = conditions[condition];
    if (typeof target === "string") return target;
  }
  return undefined;
}

/** The entry of a package in a node_modules folder next to (or above) the config file, if there is one. */
function installedPackage(name: string, configDirectory: string): string | undefined {
  for (let folder = resolve(configDirectory); ; folder = dirname(folder)) {
    const candidate = join(folder, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return packageEntry(candidate);
    if (dirname(folder) === folder) return undefined;
  }
}
