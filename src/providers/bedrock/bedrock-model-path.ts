/** The Bedrock Runtime operations the adapter calls. */
export type BedrockOperation = "converse" | "converse-stream" | "invoke";

/**
 * `/model/{modelId}/{operation}` with the model id as one URL-encoded path segment: `:` in
 * `anthropic.claude-3-haiku-20240307-v1:0` and `/` in ARNs are encoded, as the AWS SDK does.
 */
export function bedrockModelPath(modelId: string, operation: BedrockOperation): string {
  return `/model/${encodeRfc3986(modelId)}/${operation}`;
}

/** Encodes everything but A–Z a–z 0–9 - _ . ~, the set SigV4 leaves as is. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A query string encoded the way SigV4 canonicalises it, so what is signed is what is sent. */
export function toQueryString(query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (entries.length === 0) return "";
  return `?${entries.map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`).join("&")}`;
}
