import type { PiiKind } from "../../../privacy/pii-detectors.js";

/** The placeholders of one request and the originals they stand for. */
export class PiiVault {
  private readonly byOriginal = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counters = new Map<PiiKind, number>();

  /** The placeholder for an original; the same original always gets the same one. */
  placeholderFor(kind: PiiKind, original: string): string {
    const known = this.byOriginal.get(original);
    if (known) return known;
    const number = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, number);
    const placeholder = `[${kind.toUpperCase()}_${number}]`;
    this.byOriginal.set(original, placeholder);
    this.byPlaceholder.set(placeholder, original);
    return placeholder;
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  /** Puts every known placeholder back to its original. */
  restore(text: string): string {
    if (this.byPlaceholder.size === 0) return text;
    return text.replace(/\[(?:EMAIL|PHONE|CARD|IBAN|IP|SECRET)_\d+\]/g, (placeholder) => {
      return this.byPlaceholder.get(placeholder) ?? placeholder;
    });
  }
}

/** The longest placeholder a stream may have to wait for ("[SECRET_123456]"). */
export const MAX_PLACEHOLDER_LENGTH = 16;

/**
 * Where a streamed text can be cut so that no placeholder is split: before the last "[" that
 * has no "]" after it and is close enough to the end to still become a placeholder.
 */
export function placeholderCut(buffer: string, final: boolean): number {
  if (final) return buffer.length;
  const open = buffer.lastIndexOf("[");
  if (open === -1 || buffer.indexOf("]", open) !== -1) return buffer.length;
  return buffer.length - open < MAX_PLACEHOLDER_LENGTH ? open : buffer.length;
}
