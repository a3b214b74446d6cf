import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "dist/cli/index.js");

/** The node flags on the bin's `#!` line. */
function shebangFlags(): string[] {
  const [firstLine = ""] = readFileSync(BIN, "utf8").split("\n", 1);
  expect(firstLine.startsWith("#!/usr/bin/env -S node")).toBe(true);
  return firstLine.split(/\s+/).filter((word) => word.startsWith("--"));
}

function writeConfig(): string {
  const directory = mkdtempSync(join(tmpdir(), "switchyard-bin-"));
  const path = join(directory, "switchyard.yaml");
  writeFileSync(
    path,
    stringify({
      storage: { url: `sqlite://${join(directory, "switchyard.db")}` },
      logging: { level: "warn" },
      providers: { upstream: { type: "openai", baseUrl: "http://127.0.0.1:9/v1", apiKey: "x" } },
    }),
  );
  return path;
}

describe("the switchyard bin", () => {
  it("runs the gateway with a capped young generation, and npm start passes the same flags", () => {
    const flags = shebangFlags();
    expect(flags).toEqual(["--max-semi-space-size=4"]);
    const packageJson = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(packageJson.scripts.start).toBe(`node ${flags.join(" ")} dist/cli/index.js start`);
  });

  it("is executable through its #! line", async () => {
    const { stdout } = await promisify(execFile)(BIN, ["validate", "--config", writeConfig()]);
    expect(stdout).toMatch(/valid/i);
  });

  it("starts a gateway whose node process carries the flags", async () => {
    const child = spawn(BIN, ["start", "--config", writeConfig(), "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await new Promise<void>((resolveListening, reject) => {
        let output = "";
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("Switchyard listening on")) resolveListening();
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.once("exit", (code) => reject(new Error(`exited with ${code}: ${output}`)));
      });
      // env execs node in the same process, so the pid's command line is node's.
      const commandLine = readFileSync(`/proc/${child.pid}/cmdline`, "utf8").split("\0");
      expect(commandLine).toContain("--max-semi-space-size=4");
      expect(commandLine).toContain(BIN);
    } finally {
      const exited = new Promise((resolveExit) => child.once("exit", resolveExit));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
