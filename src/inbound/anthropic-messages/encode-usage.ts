import type { Usage } from "../../contract/usage.js";

export interface AnthropicUsageWire {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/**
 * Anthropic counts input_tokens WITHOUT cache reads and writes, while canonical inputTokens
 * includes them; the three fields add up to the canonical total again.
 */
export function encodeAnthropicUsage(usage: Usage | undefined): AnthropicUsageWire {
  if (!usage) return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
