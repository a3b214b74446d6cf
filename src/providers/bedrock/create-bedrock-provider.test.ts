import { describe, expect, it } from "vitest";
import { bedrockConfig } from "../../../test/support/mock-bedrock/bedrock-test-kit.js";
import { ProviderConfigError } from "../provider-config-error.js";
import { createBedrockProvider } from "./create-bedrock-provider.js";

const keys = { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" };

describe("createBedrockProvider", () => {
  it.each([
    {
      name: "no credentials anywhere",
      fields: { region: "us-east-1" },
      env: {},
      message: /providers\.aws\.accessKeyId: Bedrock needs credentials/,
    },
    {
      name: "a secret without a key id",
      fields: { region: "us-east-1", secretAccessKey: "s" },
      env: {},
      message: /providers\.aws\.accessKeyId: required/,
    },
    {
      name: "a key id without a secret",
      fields: { region: "us-east-1", accessKeyId: "a" },
      env: {},
      message: /providers\.aws\.secretAccessKey: required/,
    },
    {
      name: "half of the env credentials",
      fields: { region: "us-east-1" },
      env: { AWS_ACCESS_KEY_ID: "a" },
      message: /accessKeyId/,
    },
    {
      name: "no region to sign for",
      fields: { ...keys, baseUrl: "http://127.0.0.1:1" },
      env: {},
      message: /providers\.aws\.region/,
    },
    { name: "no region for the default URL", fields: { apiKey: "k" }, env: {}, message: /providers\.aws\.region/ },
  ])("refuses $name", ({ fields, env, message }) => {
    expect(() => createBedrockProvider("aws", bedrockConfig(fields), env)).toThrow(ProviderConfigError);
    expect(() => createBedrockProvider("aws", bedrockConfig(fields), env)).toThrow(message);
  });

  it.each([
    { name: "config keys and region", fields: { ...keys, region: "eu-west-3" }, env: {} },
    {
      name: "AWS_REGION and env keys",
      fields: {},
      env: { AWS_REGION: "us-west-2", AWS_ACCESS_KEY_ID: "a", AWS_SECRET_ACCESS_KEY: "s" },
    },
    {
      name: "AWS_DEFAULT_REGION and a Bedrock API key",
      fields: {},
      env: { AWS_DEFAULT_REGION: "us-east-1", AWS_BEARER_TOKEN_BEDROCK: "k" },
    },
    {
      name: "an API key with a base URL and no region",
      fields: { apiKey: "k", baseUrl: "https://proxy.example.com/bedrock" },
      env: {},
    },
  ])("builds from $name", async ({ fields, env }) => {
    const adapter = createBedrockProvider("aws", bedrockConfig({ ...fields, models: ["amazon.nova-lite-v1:0"] }), env);
    expect(adapter).toMatchObject({ name: "aws", type: "bedrock", models: ["amazon.nova-lite-v1:0"] });
    expect(adapter.embed).toBeTypeOf("function");
    await adapter.close();
  });
});
