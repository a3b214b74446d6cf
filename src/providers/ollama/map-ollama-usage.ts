import type { Usage } from "../../contract/usage.js";
import type { OllamaChatLine } from "./wire-types.js";

/** Counters of the final line; prompt_eval_count is absent when the whole prompt came from cache. */
export function mapOllamaUsage(line: OllamaChatLine): Usage {
  const inputTokens = line.prompt_eval_count ?? 0;
  const outputTokens = line.eval_count ?? 0;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    raw: {
      prompt_eval_count: line.prompt_eval_count,
      eval_count: line.eval_count,
      total_duration: line.total_duration,
      load_duration: line.load_duration,
      prompt_eval_duration: line.prompt_eval_duration,
      eval_duration: line.eval_duration,
    },
  };
}
