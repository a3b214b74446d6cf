import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The example configs must stay valid: the built CLI loads them with every plugin and its options.
const CLI = resolve(import.meta.dirname, "../../dist/cli/index.js");
const EXAMPLES = resolve(import.meta.dirname, "../../examples/configs");

describe("example configs", () => {
  it.each(["guardrails.yaml", "prompts.yaml"])("%s is valid", (file) => {
    const result = spawnSync(process.execPath, [CLI, "validate", "--config", resolve(EXAMPLES, file)], {
      encoding: "utf8",
      env: { ...process.env, OPENAI_API_KEY: "sk-example" },
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(`${file} is valid: 1 provider(s), 1 virtual model(s).`);
    expect(result.status).toBe(0);
  });
});
