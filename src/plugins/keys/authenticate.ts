import { timingSafeEqual } from "node:crypto";
import { GatewayError } from "../../contract/errors.js";
import type { RequestAuth } from "../../contract/request-context.js";
import type { GatewayKeys } from "./gateway-keys.js";
import { GATEWAY_KEY_PREFIX, hashKeySecret } from "./key-secret.js";
import type { CachedKey } from "./verified-key-cache.js";

export type KeyEndpoint = "chat" | "embeddings" | "count_tokens";

export interface Authenticated {
  auth: RequestAuth;
  verified: CachedKey;
}

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Checks the gateway key a request carries (Authorization: Bearer or x-api-key) and whether it
 * may call this endpoint with this model. Returns undefined for an anonymous request that
 * `auth: optional` allows; throws 401 for a bad key and 403 for a model or endpoint it may not use.
 * With `auth: optional`, a credential without the gateway prefix ("unused", a provider key) is
 * not a gateway key and is ignored.
 */
export async function authenticate(
  keys: GatewayKeys,
  headers: Headers,
  endpoint: KeyEndpoint,
  model: string,
): Promise<Authenticated | undefined> {
  const secret = presentedKey(headers);
  if (keys.auth.mode === "optional" && !secret?.startsWith(GATEWAY_KEY_PREFIX)) return undefined;
  if (!secret) {
    throw new GatewayError(
      "missing_api_key",
      "This gateway needs a gateway key: send it as Authorization: Bearer <key> or x-api-key.",
    );
  }
  const hash = hashKeySecret(secret);
  const verified = await keys.lookup(hash);
  // The store found the row by hash; comparing again in constant time keeps timing flat.
  if (!verified || !timingSafeEqual(Buffer.from(verified.key.hash, "hex"), Buffer.from(hash, "hex"))) {
    throw new GatewayError("invalid_api_key", "The gateway key is not valid.");
  }
  const { key } = verified;
  if (key.revokedAt) throw new GatewayError("key_revoked", `The gateway key "${key.name}" was revoked.`);
  if (!key.enabled) throw new GatewayError("key_disabled", `The gateway key "${key.name}" is disabled.`);
  if (key.expiresAt && Date.parse(key.expiresAt) <= Date.now()) {
    throw new GatewayError("key_expired", `The gateway key "${key.name}" expired at ${key.expiresAt}.`);
  }
  if (key.endpoints.length > 0 && !key.endpoints.includes(endpoint)) {
    throw new GatewayError("endpoint_not_allowed", `The gateway key "${key.name}" may not call ${endpoint}.`);
  }
  if (!verified.allowsModel(model)) {
    throw new GatewayError("model_not_allowed", `The gateway key "${key.name}" may not use the model "${model}".`, {
      param: "model",
    });
  }
  return {
    verified,
    auth: {
      keyId: key.id,
      keyName: key.name,
      projectId: key.projectId,
      // Object.assign, not a literal of two spreads: see DEVELOPERS.md, "The request path".
      metadata: Object.assign({}, verified.project?.metadata, key.metadata),
    },
  };
}

/** The credential of the request: a gateway-prefixed one wins when both headers are sent. */
export function presentedKey(headers: Headers): string | undefined {
  const authorization = single(headers.authorization);
  const bearer = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : undefined;
  const apiKey = single(headers["x-api-key"])?.trim();
  const candidates = [bearer, apiKey].filter((value): value is string => Boolean(value));
  return candidates.find((value) => value.startsWith(GATEWAY_KEY_PREFIX)) ?? candidates[0];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
