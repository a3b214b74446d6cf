import { randomBytes, randomInt, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomAlphanumeric(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join("");
}

/** `req_` + 32 hex characters, like OpenAI's `x-request-id`. */
export function newRequestId(): string {
  return `req_${randomBytes(16).toString("hex")}`;
}

/** `chatcmpl-` + 29 alphanumerics, like OpenAI's completion ids. */
export function newCompletionId(): string {
  return `chatcmpl-${randomAlphanumeric(29)}`;
}

/** `fp_` + 10 hex characters. */
export function newSystemFingerprint(): string {
  return `fp_${randomBytes(5).toString("hex")}`;
}

export function newUuid(): string {
  return randomUUID();
}
