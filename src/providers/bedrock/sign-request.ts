import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

/** Long-term (AKIA…) or temporary (ASIA… with a session token) AWS credentials. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One outgoing Bedrock request, as it will go on the wire. */
export interface BedrockHttpRequest {
  /** Host and port, as the Host header will carry them. */
  host: string;
  /** The path as sent: the model id already URL-encoded once, no query string. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/** Adds authentication to a request: returns every header to send, the caller's included. */
export type BedrockAuthorizer = (request: BedrockHttpRequest) => Promise<Record<string, string>>;

/**
 * SigV4 with signing name "bedrock". SignatureV4 URI-encodes each path segment again, which is
 * what AWS expects for every service but S3: `%3A` in a model id becomes `%253A` in the canonical
 * URI (providers.md 5.1). Every header sent is signed, host, content-type and x-amz-date included.
 */
export function sigV4Authorizer(
  credentials: AwsCredentials,
  region: string,
  now: () => Date = () => new Date(),
): BedrockAuthorizer {
  const signer = new SignatureV4({
    service: "bedrock",
    region,
    credentials,
    sha256: Sha256,
    // Bedrock does not need x-amz-content-sha256; the payload hash is in the signature either way.
    applyChecksum: false,
  });
  return async (request) => {
    const signed = await signer.sign(
      {
        method: "POST",
        protocol: "https:",
        hostname: request.host,
        path: request.path,
        query: request.query,
        headers: Object.assign({}, request.headers, { host: request.host }),
        body: request.body,
      },
      { signingDate: now() },
    );
    return signed.headers;
  };
}

/** Bedrock API keys: a bearer token instead of SigV4. */
export function bearerAuthorizer(apiKey: string): BedrockAuthorizer {
  return async (request) =>
    Object.assign({}, request.headers, { host: request.host, authorization: `Bearer ${apiKey}` });
}
