import { createRequire } from "node:module";

type CountTokens = (text: string, options: { disallowedSpecial: Set<string> }) => number;
/** User text that happens to look like a special token (<|endoftext|>) is counted as plain text. */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const require = createRequire(import.meta.url);
let loaded: CountTokens | undefined;

/**
 * Tokens of a text by the o200k_base encoding (gpt-tokenizer, equal to tiktoken's counts). The
 * encoding tables take ~70 MB, so they load on the first count, only where token limits or
 * estimates are configured, not with every gateway.
 */
export function countTokens(text: string): number {
  loaded ??= (require("gpt-tokenizer") as { countTokens: CountTokens }).countTokens;
  return loaded(text, PLAIN_TEXT);
}
