// After tsc: copies the plain CommonJS files of src (worker threads, which must run the same from
// src in tests and from dist) into dist, and makes the bin executable for its #! line.
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const SOURCE = join(ROOT, "src");
const OUTPUT = join(ROOT, "dist");

for (const entry of readdirSync(SOURCE, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith(".cjs")) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(OUTPUT, relative(SOURCE, from));
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
chmodSync(join(OUTPUT, "cli/index.js"), 0o755);
