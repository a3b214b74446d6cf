import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "./error-codes.js";

const documented = readFileSync(resolve(import.meta.dirname, "../../docs/errors.md"), "utf8");

describe("docs/errors.md", () => {
  it.each(Object.entries(ERROR_CODES))("documents %s with its status and type", (code, { status, type }) => {
    const row = documented.split("\n").find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, `docs/errors.md has no row for ${code}`).toBeDefined();
    if (code === "upstream_error") return;
    expect(row).toContain(`| ${status} | ${type} |`);
  });

  it("lists no code the gateway does not have", () => {
    const rows = documented.match(/^\| `([a-z_]+)` \|/gm) ?? [];
    const codes = rows.map((row) => row.slice(3, row.indexOf("`", 3)));
    expect(codes.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
