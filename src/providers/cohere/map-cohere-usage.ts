import type { Usage } from "../../contract/usage.js";
import type { CohereUsage } from "./wire-types.js";

/** `tokens` are the tokens the model saw; `billed_units` (often far fewer) only when tokens are missing. */
export function mapCohereUsage(usage: CohereUsage): Usage {
  const counted = usage.tokens ?? usage.billed_units ?? {};
  const inputTokens = counted.input_tokens ?? 0;
  const outputTokens = counted.output_tokens ?? 0;
  const mapped: Usage = { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, raw: usage };
  if (usage.cached_tokens !== undefined) mapped.cachedInputTokens = usage.cached_tokens;
  return mapped;
}
