import { z } from "zod";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { ChatResponse } from "../../contract/chat-response.js";

export const cachePolicySchema = z
  .object({
    /** Requests with a higher temperature are not cached (their answers are meant to vary). */
    maxTemperature: z.number().min(0).optional(),
    /** Answers that end in tool calls are cached unless this is false. */
    toolCalls: z.boolean().default(true),
  })
  .strict()
  .default({ toolCalls: true });

export type CachePolicy = z.infer<typeof cachePolicySchema>;

/** Why a request may not use the cache, or undefined when it may. */
export function uncacheableReason(request: ChatRequest, policy: CachePolicy): string | undefined {
  if ((request.sampling.n ?? 1) > 1) return "n > 1";
  const temperature = request.sampling.temperature;
  if (policy.maxTemperature !== undefined && temperature !== undefined && temperature > policy.maxTemperature)
    return "temperature above the policy's bound";
  return undefined;
}

/** Only successful answers are stored: never errors or filtered content. */
export function isStorableResponse(response: ChatResponse, policy: CachePolicy): boolean {
  if (response.choices.length === 0) return false;
  return response.choices.every((choice) => {
    const reason = choice.finishReason.unified;
    if (reason === "tool_calls") return policy.toolCalls;
    return reason === "stop" || reason === "length";
  });
}
