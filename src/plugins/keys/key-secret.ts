import { createHash, randomBytes } from "node:crypto";

/** Every gateway key starts with this, so people and secret scanners recognise one. */
export const GATEWAY_KEY_PREFIX = "sk-sy-";
const DISPLAY_LENGTH = GATEWAY_KEY_PREFIX.length + 6;

export interface NewKeySecret {
  /** Shown once to the caller, never stored. */
  secret: string;
  hash: string;
  displayPrefix: string;
}

/** 256 random bits: a key is as hard to guess as the hash is to invert, so SHA-256 suffices. */
export function generateKeySecret(): NewKeySecret {
  const secret = GATEWAY_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, hash: hashKeySecret(secret), displayPrefix: `${secret.slice(0, DISPLAY_LENGTH)}…` };
}

export function hashKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
