import type { Usage } from "../../contract/usage.js";
import type { AnthropicUsage } from "./wire-types.js";

/**
 * Anthropic's input_tokens excludes the cache, so the canonical input is the sum of the three
 * input counters; cache reads are what OpenAI calls cached tokens.
 */
export function mapAnthropicUsage(usage: AnthropicUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  const inputTokens = (usage.input_tokens ?? 0) + cacheWrite + cacheRead;
  const outputTokens = usage.output_tokens ?? 0;
  const mapped: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
    raw: usage,
  };
  const thinking = usage.output_tokens_details?.thinking_tokens;
  if (typeof thinking === "number") mapped.reasoningTokens = thinking;
  return mapped;
}

/**
 * A stream reports usage twice: message_start carries the input and cache counts, message_delta
 * the cumulative output (and, in newer API versions, the input counts again, possibly null).
 * Non-null values from the later report win.
 */
export function mergeAnthropicUsage(
  start: AnthropicUsage | undefined,
  delta: AnthropicUsage | undefined,
): AnthropicUsage {
  const merged: AnthropicUsage = { ...start };
  for (const [key, value] of Object.entries(delta ?? {})) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
