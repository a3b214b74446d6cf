import { randomBytes, randomInt } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomAlphanumeric(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join("");
}

/** `msg_01` + 22 alphanumerics, like `msg_01XFDUDYJgAACzvnptvVoYEL`. */
export function newMessageId(): string {
  return `msg_01${randomAlphanumeric(22)}`;
}

/** `toolu_01` + 22 alphanumerics, like `toolu_01T1x1fJ34qAmk2tNTrN7Up6`. */
export function newToolUseId(): string {
  return `toolu_01${randomAlphanumeric(22)}`;
}

/** `req_011C` + 20 alphanumerics, like the `request-id` header `req_011CSLsW7mFqvHHnzrKdKjAE`. */
export function newRequestId(): string {
  return `req_011C${randomAlphanumeric(20)}`;
}

/** Thinking signatures are opaque base64; the client must send them back unchanged. */
export function newThinkingSignature(): string {
  return randomBytes(48).toString("base64");
}
