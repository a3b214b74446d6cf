import type { ChatRequest, SamplingParameters } from "../contract/chat-request.js";

/** OpenAI parameter names a target may force, and where they live in the canonical request. */
const SAMPLING_KEYS: Record<string, keyof SamplingParameters> = {
  temperature: "temperature",
  top_p: "topP",
  max_tokens: "maxOutputTokens",
  max_completion_tokens: "maxOutputTokens",
  presence_penalty: "presencePenalty",
  frequency_penalty: "frequencyPenalty",
  seed: "seed",
  reasoning_effort: "reasoningEffort",
};

/**
 * Unknown keys are OpenAI-wire extras (other adapters ignore them).
 * Returns the request with a target's forced parameters applied; the original is left alone for other targets. */
export function applyTargetParams(request: ChatRequest, params: Record<string, unknown>): ChatRequest {
  const entries = Object.entries(params);
  if (entries.length === 0) return request;
  const sampling: Record<string, unknown> = { ...request.sampling };
  const extras: Record<string, unknown> = { ...request.providerOptions.openai };
  for (const [key, value] of entries) {
    const samplingKey = SAMPLING_KEYS[key];
    if (samplingKey) sampling[samplingKey] = value;
    else if (key === "stop") sampling.stop = typeof value === "string" ? [value] : value;
    else extras[key] = value;
  }
  return {
    ...request,
    sampling: sampling as SamplingParameters,
    providerOptions: { ...request.providerOptions, openai: extras },
  };
}
