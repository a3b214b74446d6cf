import { createHash } from "node:crypto";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { canonicalJson } from "./canonical-json.js";
import { selectJsonPath } from "./select-json-path.js";

/**
 * Fields that cannot change what the model answers. Everything else is part of the key: a
 * deny-list, never an allow-list, so a parameter a provider adds tomorrow still splits the cache.
 */
export const IGNORED_CHAT_FIELDS: readonly string[] = ["stream", "streamIncludeUsage", "user", "metadata"];
/** Provider extras (by family) that are bookkeeping, not input. */
export const IGNORED_PROVIDER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  openai: ["store", "user", "metadata", "prompt_cache_key", "safety_identifier"],
  anthropic: ["metadata"],
};

export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/** The request without the ignored fields, ready for canonicalJson. */
export function keyedChatRequest(request: ChatRequest): Record<string, unknown> {
  const keyed: Record<string, unknown> = { ...request };
  for (const field of IGNORED_CHAT_FIELDS) delete keyed[field];
  const providerOptions: Record<string, Record<string, unknown>> = {};
  for (const [family, options] of Object.entries(request.providerOptions)) {
    const kept = { ...options };
    for (const field of IGNORED_PROVIDER_FIELDS[family] ?? []) delete kept[field];
    if (Object.keys(kept).length > 0) providerOptions[family] = kept;
  }
  keyed.providerOptions = providerOptions;
  return keyed;
}

/**
 * The exact-cache key of a chat request. With selectors only the values they reach form the key,
 * but the model the client named is always part of it.
 */
export function chatCacheKey(request: ChatRequest, selectors?: readonly string[]): string {
  const keyed = keyedChatRequest(request);
  const material = selectors
    ? { model: request.model, selected: selectors.map((selector) => selectJsonPath(keyed, selector)) }
    : keyed;
  return hashText(`chat\n${canonicalJson(material)}`);
}

/** The exact-cache key of an embeddings request: the encoding only changes how vectors are written. */
export function embeddingCacheKey(request: EmbeddingRequest): string {
  const { encodingFormat: _encoding, user: _user, ...keyed } = request;
  return hashText(`embeddings\n${canonicalJson(keyed)}`);
}
