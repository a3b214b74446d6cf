import { Sha256 } from "@aws-crypto/sha256-js";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { SignatureV4 } from "@smithy/signature-v4";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_MOCK_BEDROCK_CREDENTIALS,
  type MockBedrockUpstream,
  startMockBedrockUpstream,
} from "./mock-bedrock-upstream.js";

let mock: MockBedrockUpstream;

beforeAll(async () => {
  mock = await startMockBedrockUpstream(DEFAULT_MOCK_BEDROCK_CREDENTIALS);
});
afterAll(() => mock.close());

interface SendOptions {
  model?: string;
  operation?: string;
  body?: unknown;
  /** Signs with the path as sent instead of double-encoding it (the classic mistake). */
  singleEncoded?: boolean;
  signingDate?: Date;
  secretAccessKey?: string;
  /** Replaces the body after signing. */
  tamperedBody?: string;
  unsigned?: boolean;
}

async function send(options: SendOptions = {}) {
  const host = new URL(mock.url).host;
  const path = `/model/${encodeURIComponent(options.model ?? "anthropic.claude-3-haiku-20240307-v1:0")}/${options.operation ?? "converse"}`;
  const body = JSON.stringify(options.body ?? { messages: [{ role: "user", content: [{ text: "Hi" }] }] });
  const signer = new SignatureV4({
    service: "bedrock",
    region: DEFAULT_MOCK_BEDROCK_CREDENTIALS.region,
    credentials: {
      accessKeyId: DEFAULT_MOCK_BEDROCK_CREDENTIALS.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? DEFAULT_MOCK_BEDROCK_CREDENTIALS.secretAccessKey,
    },
    sha256: Sha256,
    uriEscapePath: !options.singleEncoded,
  });
  const unsignedHeaders = { "content-type": "application/json", host };
  const signed = await signer.sign(
    { method: "POST", protocol: "http:", hostname: host, path, query: {}, headers: unsignedHeaders, body },
    { signingDate: options.signingDate ?? new Date() },
  );
  const response = await request(`${mock.url}${path}`, {
    method: "POST",
    headers: options.unsigned ? unsignedHeaders : signed.headers,
    body: options.tamperedBody ?? body,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    bytes: Buffer.from(await response.body.arrayBuffer()),
  };
}

function json(bytes: Buffer): unknown {
  return JSON.parse(bytes.toString("utf8"));
}

function errorType(headers: Record<string, string | string[] | undefined>): string | undefined {
  return String(headers["x-amzn-errortype"] ?? "").split(":")[0];
}

describe("mock Bedrock upstream: SigV4 verification", () => {
  it("accepts a correctly signed request (x-amz-content-sha256 included)", async () => {
    const { status, bytes, headers } = await send();
    expect(status).toBe(200);
    expect(headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(json(bytes)).toMatchObject({
      output: { message: { role: "assistant", content: [{ text: "Echo: Hi ✓" }] } },
      stopReason: "end_turn",
    });
  });

  it.each([
    {
      name: "a path signed single-encoded",
      options: { singleEncoded: true },
      type: "InvalidSignatureException",
      message: /does not match/,
    },
    {
      name: "a wrong secret",
      options: { secretAccessKey: "nope" },
      type: "InvalidSignatureException",
      message: /does not match/,
    },
    {
      name: "a body changed after signing",
      options: { tamperedBody: '{"messages":[]}' },
      type: "InvalidSignatureException",
      message: /x-amz-content-sha256/,
    },
    {
      name: "a stale signature",
      options: { signingDate: new Date(Date.now() - 10 * 60_000) },
      type: "InvalidSignatureException",
      message: /Signature expired/,
    },
    {
      name: "no signature",
      options: { unsigned: true },
      type: "MissingAuthenticationTokenException",
      message: /Missing Authentication Token/,
    },
  ])("answers 403 for $name", async ({ options, type, message }) => {
    const { status, headers, bytes } = await send(options);
    expect(status).toBe(403);
    expect(errorType(headers)).toBe(type);
    expect((json(bytes) as { message: string }).message).toMatch(message);
  });
});

describe("mock Bedrock upstream: Converse checks", () => {
  it.each([
    {
      name: "tool blocks without toolConfig",
      body: {
        messages: [
          { role: "user", content: [{ text: "q" }] },
          { role: "assistant", content: [{ toolUse: { toolUseId: "t1", name: "f", input: {} } }] },
          { role: "user", content: [{ toolResult: { toolUseId: "t1", content: [{ text: "ok" }] } }] },
        ],
      },
      message: "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
    },
    {
      name: "two user turns in a row",
      body: {
        messages: [
          { role: "user", content: [{ text: "a" }] },
          { role: "user", content: [{ text: "b" }] },
        ],
      },
      message: expect.stringContaining("must alternate between user and assistant"),
    },
    {
      name: "blank text",
      body: { messages: [{ role: "user", content: [{ text: " " }] }] },
      message: expect.stringContaining("messages.0.content.0 is blank"),
    },
  ])("rejects $name with a ValidationException", async ({ body, message }) => {
    const response = await send({ body });
    expect(response.status).toBe(400);
    expect(errorType(response.headers)).toBe("ValidationException");
    expect(json(response.bytes)).toEqual({ message });
  });

  it("answers 404 UnknownOperationException for another path", async () => {
    const response = await send({ operation: "nonsense" });
    expect(response.status).toBe(404);
    expect(errorType(response.headers)).toBe("UnknownOperationException");
  });
});

describe("mock Bedrock upstream: ConverseStream frames", () => {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);

  function splitFrames(bytes: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += bytes.readUInt32BE(offset)) {
      frames.push(bytes.subarray(offset, offset + bytes.readUInt32BE(offset)));
    }
    return frames;
  }

  it("sends valid frames with padding, ending in messageStop then metadata", async () => {
    const response = await send({ operation: "converse-stream" });
    expect(response.headers["content-type"]).toBe("application/vnd.amazon.eventstream");
    const messages = splitFrames(response.bytes).map((frame) => codec.decode(frame));
    const types = messages.map((message) => message.headers[":event-type"]?.value);
    expect(types[0]).toBe("messageStart");
    expect(types.slice(-2)).toEqual(["messageStop", "metadata"]);
    for (const message of messages) {
      expect(JSON.parse(toUtf8(message.body))).toHaveProperty("p", expect.stringMatching(/^[a-zA-Z0-9]+$/));
      expect(message.headers[":message-type"]?.value).toBe("event");
    }
  });

  it("corrupts the first frame's CRC for mock-bad-crc", async () => {
    const [first, ...rest] = splitFrames((await send({ model: "mock-bad-crc", operation: "converse-stream" })).bytes);
    expect(() => codec.decode(first as Buffer)).toThrow(/checksum/);
    expect(rest.every((frame) => codec.decode(frame) !== undefined)).toBe(true);
  });

  it("sends a throttlingException frame after messageStart for mock-stream-exception", async () => {
    const messages = splitFrames(
      (await send({ model: "mock-stream-exception", operation: "converse-stream" })).bytes,
    ).map((frame) => codec.decode(frame));
    expect(messages).toHaveLength(2);
    expect(messages[1]?.headers).toMatchObject({
      ":message-type": { type: "string", value: "exception" },
      ":exception-type": { type: "string", value: "throttlingException" },
    });
    expect(JSON.parse(toUtf8(messages[1]?.body ?? new Uint8Array()))).toEqual({
      message: "Too many requests, please wait before trying again.",
    });
  });
});
