import { describe, expect, it } from "vitest";
import { bearerAuthorizer, sigV4Authorizer } from "./sign-request.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const request = {
  host: "bedrock-runtime.us-east-1.amazonaws.com",
  path: "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
  query: {},
  headers: { "content-type": "application/json" },
  body: '{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"inferenceConfig":{"maxTokens":64}}',
};
const signingDate = () => new Date("2024-01-01T00:00:00Z");

describe("sigV4Authorizer", () => {
  it("matches the Bedrock test vector of providers.md 5.1 (double-encoded model id)", async () => {
    const headers = await sigV4Authorizer(credentials, "us-east-1", signingDate)(request);
    expect(headers).toEqual({
      "content-type": "application/json",
      host: "bedrock-runtime.us-east-1.amazonaws.com",
      "x-amz-date": "20240101T000000Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/bedrock/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date, " +
        "Signature=74247746791f7fb944955fc5fc6ee3df144abd75d09f008625f9c64daf9fc76f",
    });
  });

  it("sends and signs the session token of temporary credentials", async () => {
    const temporary = { ...credentials, sessionToken: "FwoGZXIvYXdzEXAMPLE" };
    const headers = await sigV4Authorizer(temporary, "us-east-1", signingDate)(request);
    expect(headers["x-amz-security-token"]).toBe("FwoGZXIvYXdzEXAMPLE");
    expect(headers.authorization).toContain("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,");
  });

  it("signs the query string and the port of a non-default host", async () => {
    const headers = await sigV4Authorizer(
      credentials,
      "eu-west-3",
      signingDate,
    )({ ...request, host: "127.0.0.1:4567", query: { b: "2", a: "1" } });
    expect(headers.host).toBe("127.0.0.1:4567");
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240101\/eu-west-3\/bedrock\//);
    expect(headers.authorization).not.toContain("74247746791f");
  });
});

describe("bearerAuthorizer", () => {
  it("sends the Bedrock API key as a bearer token", async () => {
    expect(await bearerAuthorizer("bedrock-api-key-123")(request)).toEqual({
      "content-type": "application/json",
      host: "bedrock-runtime.us-east-1.amazonaws.com",
      authorization: "Bearer bedrock-api-key-123",
    });
  });
});
