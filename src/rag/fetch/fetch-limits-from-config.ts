import { parseByteSize } from "../../config/parse-byte-size.js";
import type { RagConfig } from "../../config/rag-schema.js";
import { createAddressPolicy } from "./address-policy.js";
import type { FetchLimits } from "./fetch-limits.js";

/** The fetch bounds and address policy the config's `rag.fetch` section describes. */
export function fetchLimitsFromConfig(config: RagConfig): FetchLimits {
  return {
    policy: createAddressPolicy(config.fetch.allowedNetworks),
    maxBytes: parseByteSize(config.fetch.maxBytes),
    timeoutMs: config.fetch.timeoutMs,
    maxRedirects: config.fetch.maxRedirects,
    userAgent: config.fetch.userAgent,
  };
}
