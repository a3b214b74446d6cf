import type { Usage } from "../../contract/usage.js";
import type { GeminiUsageMetadata } from "./wire-types.js";

/**
 * Gemini counts thoughts apart from the candidates, and tool-use prompt tokens apart from the
 * prompt; the canonical usage folds both in (input includes cached, output includes reasoning).
 */
export function mapGeminiUsage(usage: GeminiUsageMetadata): Usage {
  const inputTokens = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const outputTokens = (usage.candidatesTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0);
  const mapped: Usage = {
    inputTokens,
    outputTokens,
    totalTokens: usage.totalTokenCount ?? inputTokens + outputTokens,
    raw: usage,
  };
  if (usage.cachedContentTokenCount !== undefined) mapped.cachedInputTokens = usage.cachedContentTokenCount;
  if (usage.thoughtsTokenCount !== undefined) mapped.reasoningTokens = usage.thoughtsTokenCount;
  return mapped;
}
