import type { Usage } from "../../contract/usage.js";
import type { OpenAIUsage } from "./wire-types.js";

export function mapOpenAIUsage(usage: OpenAIUsage): Usage {
  const inputTokens = usage.prompt_tokens ?? 0;
  const outputTokens = usage.completion_tokens ?? 0;
  const mapped: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: usage.total_tokens ?? inputTokens + outputTokens,
    raw: usage,
  };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (cached !== undefined) mapped.cachedInputTokens = cached;
  const cacheWrite = usage.prompt_tokens_details?.cache_write_tokens;
  if (cacheWrite !== undefined) mapped.cacheWriteInputTokens = cacheWrite;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (reasoning !== undefined) mapped.reasoningTokens = reasoning;
  return mapped;
}
