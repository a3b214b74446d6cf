import type { ProviderConfig } from "../../config/schema.js";
import { GATEWAY_KEY_PREFIX } from "./key-secret.js";

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The header a client puts its own provider key in, next to its gateway key. */
export const UPSTREAM_KEY_HEADER = "x-upstream-api-key";

/**
 * Pass-through mode: for a provider with `allowClientKeys: true`, the auth headers that carry
 * the client's own provider key instead of the configured one. The key comes from
 * x-upstream-api-key, or (with `auth: optional`) from an Authorization / x-api-key value that
 * is not a gateway key. Bedrock (signed requests) has no pass-through.
 */
export function passThroughHeaders(
  headers: Headers,
  providers: Readonly<Record<string, ProviderConfig>>,
  authMode: "required" | "optional",
): ((provider: string) => Record<string, string> | undefined) | undefined {
  const key = clientUpstreamKey(headers, authMode);
  if (!key) return undefined;
  return (provider): Record<string, string> | undefined => {
    const config = providers[provider];
    if (!config?.allowClientKeys) return undefined;
    switch (config.type) {
      case "bedrock":
        return undefined;
      case "anthropic":
        return { "x-api-key": key };
      case "azure":
        return { "api-key": key };
      case "gemini":
        return { "x-goog-api-key": key };
      default:
        return { authorization: `Bearer ${key}` };
    }
  };
}

function clientUpstreamKey(headers: Headers, authMode: "required" | "optional"): string | undefined {
  const explicit = first(headers[UPSTREAM_KEY_HEADER])?.trim();
  if (explicit) return explicit;
  if (authMode !== "optional") return undefined;
  const authorization = first(headers.authorization);
  const bearer = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : undefined;
  const candidate = bearer || first(headers["x-api-key"])?.trim();
  return candidate && !candidate.startsWith(GATEWAY_KEY_PREFIX) ? candidate : undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
