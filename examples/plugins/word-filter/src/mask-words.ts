/** Replaces each letter of every match of `pattern` (a global regex) with `*`. */
export function maskWords(text: string, pattern: RegExp): string {
  return text.replace(pattern, (word) => "*".repeat(word.length));
}
