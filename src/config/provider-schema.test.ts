import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { providersFromEnv } from "../providers/providers-from-env.js";
import { ConfigError } from "./config-error.js";
import { defaultConfig } from "./default-config.js";
import { parseConfigText } from "./load-config.js";
import { PROVIDER_TYPES } from "./provider-schema.js";

function problemsOf(text: string): string[] {
  try {
    parseConfigText(text, "test.yaml", {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("provider entries", () => {
  it.each([
    ["openai", "{ type: openai, apiKey: k, models: [gpt-4o] }"],
    ["openai-compatible", "{ type: openai-compatible, baseUrl: 'http://127.0.0.1:8000/v1', apiKeys: [a, b] }"],
    ["groq", "{ type: groq, apiKey: k, headers: { x-a: b }, query: { q: v } }"],
    [
      "azure",
      "{ type: azure, apiKey: k, baseUrl: 'https://r.openai.azure.com', apiVersion: v, deployments: { gpt-4o: d } }",
    ],
    ["anthropic", "{ type: anthropic, apiKey: k, defaultMaxTokens: 1024, anthropicVersion: '2023-06-01' }"],
    ["gemini", "{ type: gemini, apiKey: k, timeouts: { connectMs: 5 } }"],
    ["bedrock", "{ type: bedrock, region: us-east-1, accessKeyId: a, secretAccessKey: s, sessionToken: t }"],
    ["cohere", "{ type: cohere, apiKey: k, maxConnections: 4 }"],
    ["ollama", "{ type: ollama, baseUrl: 'http://127.0.0.1:11434', allowClientKeys: true }"],
  ])("accepts a %s entry with its own fields", (type, entry) => {
    const config = parseConfigText(`providers:\n  p: ${entry}\n`, "test.yaml", {});
    expect(config.providers.p?.type).toBe(type);
  });

  it("fills each type's own defaults and only those", () => {
    const { providers } = parseConfigText(
      "providers:\n  claude: { type: anthropic }\n  az: { type: azure }\n  plain: { type: openai }\n",
      "test.yaml",
      {},
    );
    expect(providers.claude).toMatchObject({ defaultMaxTokens: 4096, anthropicVersion: "2023-06-01" });
    expect(providers.az).toMatchObject({ deployments: {} });
    expect(providers.plain).not.toHaveProperty("deployments");
    expect(providers.plain).not.toHaveProperty("defaultMaxTokens");
  });

  it.each([
    ["openai", "region", 'providers.p (type "openai"): unknown field "region" — it belongs to type "bedrock"'],
    [
      "bedrock",
      "deployments",
      'providers.p (type "bedrock"): unknown field "deployments" — it belongs to type "azure"',
    ],
    [
      "groq",
      "anthropicVersion",
      'providers.p (type "groq"): unknown field "anthropicVersion" — it belongs to type "anthropic"',
    ],
    ["azure", "accessKeyId", 'providers.p (type "azure"): unknown field "accessKeyId" — it belongs to type "bedrock"'],
    [
      "anthropic",
      "apiVersion",
      'providers.p (type "anthropic"): unknown field "apiVersion" — it belongs to type "azure"',
    ],
    ["gemini", "colour", 'providers.p (type "gemini"): unknown field "colour"'],
  ])("refuses on a %s entry the field %s, naming the type", (type, field, expected) => {
    expect(problemsOf(`providers:\n  p: { type: ${type}, ${field}: x }\n`)).toEqual([expected]);
  });

  it("refuses an unknown type, listing the known ones", () => {
    const [problem] = problemsOf("providers:\n  p: { type: opnai, apiKey: k }\n");
    expect(problem).toMatch(/^providers\.p\.type: unknown provider type "opnai" \(known: openai, openai-compatible, /);
    for (const type of PROVIDER_TYPES) expect(problem).toContain(type);
  });

  it("refuses an entry without a type", () => {
    expect(problemsOf("providers:\n  p: { apiKey: k }\n")).toEqual([
      `providers.p.type: required, one of: ${PROVIDER_TYPES.join(", ")}`,
    ]);
  });
});

describe("provider entries from the environment", () => {
  it("are valid entries of their types", () => {
    const env: NodeJS.ProcessEnv = {
      OPENAI_API_KEY: "sk",
      OPENAI_BASE_URL: "https://proxy.example/v1",
      AZURE_OPENAI_API_KEY: "az",
      AZURE_OPENAI_ENDPOINT: "https://r.openai.azure.com",
      OPENAI_API_VERSION: "2024-10-21",
      ANTHROPIC_API_KEY: "ant",
      GEMINI_API_KEY: "gem",
      COHERE_API_KEY: "co",
      AWS_ACCESS_KEY_ID: "a",
      AWS_SECRET_ACCESS_KEY: "s",
      AWS_REGION: "us-east-1",
      OLLAMA_HOST: "127.0.0.1:11434",
      GROQ_API_KEY: "gq",
    };
    const { config } = defaultConfig(providersFromEnv(env), ".");
    expect(Object.keys(config.providers).sort()).toEqual(
      ["anthropic", "azure", "bedrock", "cohere", "gemini", "groq", "ollama", "openai"].sort(),
    );
    expect(config.providers.azure).toMatchObject({ type: "azure", apiVersion: "2024-10-21" });
    expect(config.providers.bedrock).toMatchObject({ type: "bedrock", region: "us-east-1" });
  });
});

describe("provider config modules", () => {
  // src/config imports them, so they must not pull adapters (or anything else) into config loading.
  const providersDirectory = join(import.meta.dirname, "../providers");
  const configFiles = readdirSync(providersDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(join(providersDirectory, entry.name)).includes("config.ts"))
    .map((entry) => `${entry.name}/config.ts`);

  it.each(configFiles)("%s imports only zod, config helpers and data of its folder", (file) => {
    const source = readFileSync(join(providersDirectory, file), "utf8");
    const imports = [...source.matchAll(/from "([^"]+)"/g)].map((match) => match[1]);
    for (const specifier of imports) {
      expect(specifier).toMatch(/^(zod|\.\.\/\.\.\/config\/provider-base-schema\.js|\.\/presets\.js)$/);
    }
  });
});
