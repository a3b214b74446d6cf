import type { Usage } from "../../contract/usage.js";
import type { BedrockUsage } from "./wire-types.js";

/**
 * Bedrock's inputTokens excludes cache reads and writes; the canonical inputTokens includes
 * them, as totalTokens already does.
 */
export function mapBedrockUsage(usage: BedrockUsage): Usage {
  const cacheRead = usage.cacheReadInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  const inputTokens = (usage.inputTokens ?? 0) + cacheRead + cacheWrite;
  const outputTokens = usage.outputTokens ?? 0;
  const mapped: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: usage.totalTokens ?? inputTokens + outputTokens,
    raw: usage,
  };
  if (usage.cacheReadInputTokens !== undefined) mapped.cachedInputTokens = usage.cacheReadInputTokens;
  if (usage.cacheWriteInputTokens !== undefined) mapped.cacheWriteInputTokens = usage.cacheWriteInputTokens;
  return mapped;
}
