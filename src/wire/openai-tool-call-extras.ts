import type { ProviderOptions } from "../contract/chat-message.js";

/**
 * Provider data an OpenAI client must carry back on a tool call for the next turn to work:
 * Gemini's thought signature, in the `extra_content.google.thought_signature` field that
 * Google's own OpenAI-compatible endpoint uses (OpenAI clients keep unknown fields).
 */
export function toolCallExtrasToWire(options: ProviderOptions | undefined): {
  extra_content?: Record<string, unknown>;
} {
  const signature = options?.gemini?.thoughtSignature;
  return typeof signature === "string" ? { extra_content: { google: { thought_signature: signature } } } : {};
}

export function toolCallExtrasFromWire(extraContent: unknown): ProviderOptions | undefined {
  const signature = (extraContent as { google?: { thought_signature?: unknown } } | undefined)?.google
    ?.thought_signature;
  return typeof signature === "string" ? { gemini: { thoughtSignature: signature } } : undefined;
}
