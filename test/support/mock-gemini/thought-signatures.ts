// Opaque thought signatures as the mock issues them (base64, like Google's), and the check Gemini 3 applies.
import { createHash } from "node:crypto";

const PREFIX = "mock-thought-signature:";

/** Google's documented stand-in that tells Gemini 3 to skip the check. */
export const SKIP_THOUGHT_SIGNATURE = "skip_thought_signature_validator";

/** A signature for some model output, stable for the same text. */
export function thoughtSignatureFor(text: string): string {
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 24);
  return Buffer.from(`${PREFIX}${digest}`, "utf8").toString("base64");
}

export function isValidThoughtSignature(signature: unknown): boolean {
  if (signature === SKIP_THOUGHT_SIGNATURE) return true;
  if (typeof signature !== "string") return false;
  return Buffer.from(signature, "base64").toString("utf8").startsWith(PREFIX);
}
