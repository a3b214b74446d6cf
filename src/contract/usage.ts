/** Token usage, normalised so that inputTokens includes cached tokens and outputTokens includes reasoning. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cachedInputTokens?: number;
  cacheWriteInputTokens?: number;
  reasoningTokens?: number;
  /** The provider's own usage object, unchanged. */
  raw?: unknown;
}

export function sumUsage(inputTokens: number, outputTokens: number): Usage {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
