import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bedrockAgainst, call, chatRequest } from "../../../test/support/mock-bedrock/bedrock-test-kit.js";
import {
  DEFAULT_MOCK_BEDROCK_CREDENTIALS,
  type MockBedrockUpstream,
  startMockBedrockUpstream,
} from "../../../test/support/mock-bedrock-upstream.js";

let mock: MockBedrockUpstream;

beforeAll(async () => {
  mock = await startMockBedrockUpstream(DEFAULT_MOCK_BEDROCK_CREDENTIALS);
});
afterAll(() => mock.close());

describe("Bedrock adapter: authentication", () => {
  it.each([
    { name: "a wrong secret", fields: { secretAccessKey: "wrong-secret" }, code: "InvalidSignatureException" },
    {
      name: "an unknown access key",
      fields: { accessKeyId: "AKIAUNKNOWN000000000" },
      code: "UnrecognizedClientException",
    },
    { name: "a wrong region", fields: { region: "eu-west-1" }, code: "InvalidSignatureException" },
  ])("gets Bedrock's 403 for $name", async ({ fields, code }) => {
    const wrong = bedrockAgainst(mock.url, fields);
    try {
      await expect(wrong.chat(chatRequest(), call())).rejects.toMatchObject({
        code: "upstream_error",
        status: 403,
        upstream: { code },
      });
    } finally {
      await wrong.close();
    }
  });

  it("signs the session token of temporary credentials taken from the environment", async () => {
    const temporary = await startMockBedrockUpstream({
      ...DEFAULT_MOCK_BEDROCK_CREDENTIALS,
      sessionToken: "token-123",
    });
    const { accessKeyId, secretAccessKey } = DEFAULT_MOCK_BEDROCK_CREDENTIALS;
    const env = {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_SESSION_TOKEN: "token-123",
      AWS_REGION: "us-east-1",
    };
    const fromEnv = bedrockAgainst(
      temporary.url,
      { accessKeyId: undefined, secretAccessKey: undefined, region: undefined },
      env,
    );
    try {
      await fromEnv.chat(chatRequest(), call());
      expect(temporary.lastRequest()?.headers["x-amz-security-token"]).toBe("token-123");
      expect(temporary.lastRequest()?.headers["authorization"]).toContain(
        "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,",
      );
    } finally {
      await fromEnv.close();
      await temporary.close();
    }
  });

  it("sends a Bedrock API key as a bearer token", async () => {
    const keyed = await startMockBedrockUpstream({ apiKey: "bedrock-api-key-1" });
    const withKey = bedrockAgainst(keyed.url, {
      apiKey: "bedrock-api-key-1",
      accessKeyId: undefined,
      secretAccessKey: undefined,
    });
    try {
      const result = await withKey.chat(chatRequest(), call());
      expect(keyed.lastRequest()?.headers["authorization"]).toBe("Bearer bedrock-api-key-1");
      expect(result.response.choices[0]?.content).toEqual([{ type: "text", text: "Echo: Hi ✓" }]);
    } finally {
      await withKey.close();
      await keyed.close();
    }
  });
});
