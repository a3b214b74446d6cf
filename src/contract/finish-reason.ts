/** The finish reason in OpenAI's vocabulary, plus the provider's raw value. */
export type UnifiedFinishReason = "stop" | "length" | "tool_calls" | "content_filter" | "error" | "other";

export interface FinishReason {
  unified: UnifiedFinishReason;
  raw: string | null;
}
