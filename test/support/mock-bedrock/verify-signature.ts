// Checks a request's SigV4 signature the way AWS does: from the raw request, with the known secret,
// over the headers the client says it signed, with the path double-encoded (providers.md 5.1).
import { createHash } from "node:crypto";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import * as errors from "./errors.js";

export interface MockBedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry it in x-amz-security-token. */
  sessionToken?: string;
  region: string;
}

export interface RawRequest {
  method: string;
  /** The path exactly as received, still URL-encoded, without the query. */
  rawPath: string;
  query: Record<string, string>;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Buffer;
}

const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** Answers undefined when the signature holds, else the 403 Bedrock would send. */
export async function verifySigV4(
  request: RawRequest,
  expected: MockBedrockCredentials,
  now: Date = new Date(),
): Promise<errors.BedrockErrorReply | undefined> {
  const authorization = request.headers["authorization"];
  if (!authorization) return errors.missingAuthentication();
  const match = AUTHORIZATION_PATTERN.exec(authorization);
  if (!match) {
    return errors.incompleteSignature(
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters of AWS4-HMAC-SHA256.",
    );
  }
  const [, accessKeyId, scopeDate, region, service, signedHeaderList = "", signature] = match;
  if (accessKeyId !== expected.accessKeyId) return errors.unrecognizedClient();
  const amzDate = request.headers["x-amz-date"];
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signingDate)
    return errors.incompleteSignature(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    return errors.invalidSignature(
      `Signature expired: ${amzDate} is now earlier than the allowed clock skew of 5 min.`,
    );
  }
  if (scopeDate !== amzDate.slice(0, 8))
    return errors.invalidSignature(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.",
    );
  if (region !== expected.region) return errors.invalidSignature(`Credential should be scoped to a valid region. `);
  if (service !== "bedrock")
    return errors.invalidSignature("Credential should be scoped to correct service: 'bedrock'. ");
  const signedNames = signedHeaderList.split(";");
  if (!signedNames.includes("host") || !signedNames.includes("x-amz-date")) {
    return errors.incompleteSignature("'Host' and 'X-Amz-Date' must be signed.");
  }
  if (expected.sessionToken !== undefined && request.headers["x-amz-security-token"] !== expected.sessionToken) {
    return errors.unrecognizedClient();
  }
  const declaredHash = request.headers["x-amz-content-sha256"];
  if (declaredHash && declaredHash !== createHash("sha256").update(request.body).digest("hex")) {
    return errors.invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const signedHeaders: Record<string, string> = {};
  for (const name of signedNames) {
    const value = request.headers[name];
    if (value === undefined) return errors.invalidSignature(`Signed header '${name}' is missing from the request.`);
    signedHeaders[name] = value;
  }
  const signer = new SignatureV4({
    service: "bedrock",
    region: expected.region,
    credentials: {
      accessKeyId: expected.accessKeyId,
      secretAccessKey: expected.secretAccessKey,
      ...(request.headers["x-amz-security-token"] ? { sessionToken: request.headers["x-amz-security-token"] } : {}),
    },
    sha256: Sha256,
    applyChecksum: false,
  });
  const recomputed = await signer.sign(
    {
      method: request.method,
      protocol: "https:",
      hostname: request.headers["host"] ?? "",
      path: request.rawPath,
      query: request.query,
      headers: signedHeaders,
      body: request.body,
    },
    { signingDate },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(recomputed.headers["authorization"] ?? "")?.[1];
  return expectedSignature === signature ? undefined : errors.invalidSignature();
}

/** `20240101T000000Z` → Date, or undefined when malformed. */
function parseAmzDate(value: string): Date | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second] = parts.map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0));
}
