import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfigFile, parseConfigText } from "./load-config.js";
import { parseByteSize } from "./parse-byte-size.js";

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfigText(text, "test.yaml", env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseConfigText", () => {
  it("fills every default from an empty file", () => {
    const config = parseConfigText("", "empty.yaml", {});
    expect(config.server).toEqual({
      host: "127.0.0.1",
      port: 4100,
      bodyLimit: "10mib",
      shutdownTimeoutMs: 30_000,
      watchConfig: false,
      headersTimeoutMs: 30_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 65_000,
    });
    expect(config.storage.url).toBe("sqlite://./data/switchyard.db");
  });

  it("interpolates ${env:NAME} after parsing, with defaults", () => {
    const config = parseConfigText(
      'providers:\n  openai: { type: openai, apiKey: "${env:KEY}", baseUrl: "${env:BASE:-https://example.com/v1}" }\n',
      "t.yaml",
      { KEY: "sk-a#b: c" },
    );
    expect(config.providers.openai?.apiKey).toBe("sk-a#b: c");
    expect(config.providers.openai?.baseUrl).toBe("https://example.com/v1");
  });

  it.each([
    [
      "a missing environment variable",
      'providers:\n  openai: { type: openai, apiKey: "${env:NOPE}" }\n',
      "providers.openai.apiKey: environment variable NOPE is not set",
    ],
    ["a wrong type", "server: { port: eighty }\n", "server.port: Invalid input: expected number, received string"],
    ["an unknown field", "server: { prot: 1 }\n", 'server: unknown field "prot"'],
    ["a bad size", "server: { bodyLimit: lots }\n", "server.bodyLimit:"],
    [
      "a target naming an unknown provider",
      "providers:\n  openai: { type: openai }\nmodels:\n  smart: { targets: [{ provider: opneai, model: gpt-4o }] }\n",
      'models.smart.targets[0].provider: unknown provider "opneai" (configured: openai)',
    ],
    ["a YAML syntax error", "server: [unclosed\n", "YAML syntax:"],
    ["an empty target list", "models:\n  smart: { targets: [] }\n", "models.smart.targets:"],
  ])("refuses %s, naming the field", (_name, text, expected) => {
    const problems = problemsOf(text);
    expect(problems.some((problem) => problem.startsWith(expected))).toBe(true);
  });
});

describe("parseByteSize", () => {
  it.each([
    [1024, 1024],
    ["512kb", 512_000],
    ["10mib", 10 * 1024 * 1024],
    ["1.5 MB", 1_500_000],
    ["2048", 2048],
  ])("%s is %d bytes", (size, bytes) => {
    expect(parseByteSize(size)).toBe(bytes);
  });
});

describe("example configs", () => {
  const directory = join(import.meta.dirname, "../../examples/configs");
  const files = readdirSync(directory).filter((file) => file.endsWith(".yaml"));

  it.each(files)("%s loads", async (file) => {
    const loaded = await loadConfigFile(join(directory, file), { OPENAI_API_KEY: "sk-example" });
    expect(Object.keys(loaded.config.providers).length).toBeGreaterThan(0);
  });
});
