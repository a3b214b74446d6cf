import type { ProviderOptions, ToolCallPart } from "../../contract/chat-message.js";

/**
 * Gemini's thoughtSignature rides in `providerOptions.gemini.thoughtSignature` of the part it came
 * on, so that the next turn can send it back on the same part (Gemini 3 answers 400 without it).
 * OpenAI clients carry it as `extra_content.google.thought_signature` (wire/openai-tool-call-extras.ts).
 */
export type GeminiToolCallPart = ToolCallPart;

/**
 * Google's documented stand-in for a function call whose signature is unknown (a history from
 * another model, or a client that dropped it); it tells Gemini 3 to skip the check.
 */
export const SKIP_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

export function thoughtSignatureOf(options: ProviderOptions | undefined): string | undefined {
  const signature = options?.gemini?.thoughtSignature;
  return typeof signature === "string" && signature !== "" ? signature : undefined;
}

export function thoughtSignatureOptions(signature: string | undefined): { providerOptions?: ProviderOptions } {
  return signature === undefined ? {} : { providerOptions: { gemini: { thoughtSignature: signature } } };
}
