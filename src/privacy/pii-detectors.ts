/** Personal data and secrets in text: one set of detectors for guard-pii and the log redactor. */
/** Kinds of personal data and secrets guard-pii finds. */
export const PII_KINDS = ["email", "phone", "card", "iban", "ip", "secret"] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiMatch {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

/** Luhn checksum of a card number's digits. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function passesIbanCheck(iban: string): boolean {
  const compact = iban.replace(/\s+/g, "").toUpperCase();
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const value = /[A-Z]/.test(character) ? character.charCodeAt(0) - 55 : Number(character);
    remainder = Number(`${remainder}${value}`) % 97;
  }
  return remainder === 1;
}

interface Detector {
  kind: PiiKind;
  pattern: RegExp;
  /** A second check of a candidate (checksums, digit counts). */
  accept?: (text: string) => boolean;
}

/** Order matters: on overlap the earlier kind wins (a secret is not also a phone number). */
const DETECTORS: readonly Detector[] = [
  {
    kind: "secret",
    pattern: new RegExp(
      [
        String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----`,
        String.raw`\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}`,
        String.raw`\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}`,
        String.raw`\bAKIA[0-9A-Z]{16}\b`,
        String.raw`\bgh[pousr]_[A-Za-z0-9]{36,}\b`,
        String.raw`\bgithub_pat_[A-Za-z0-9_]{40,}`,
        String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`,
        String.raw`\bAIza[0-9A-Za-z_-]{35}`,
        String.raw`\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*`,
        String.raw`\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
      ].join("|"),
      "g",
    ),
  },
  { kind: "email", pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  {
    kind: "card",
    pattern: /\b\d(?:[ -]?\d){12,18}\b/g,
    accept: (text) => {
      const digits = text.replace(/\D/g, "");
      return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
    },
  },
  {
    kind: "iban",
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g,
    accept: passesIbanCheck,
  },
  {
    kind: "ip",
    pattern:
      /\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b|\b(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}\b|\b(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?\b/g,
  },
  {
    kind: "phone",
    pattern: /(?<![\w+])\+?\(?\d[\d ().-]{6,}\d(?!\w)/g,
    accept: (text) => {
      const digits = text.replace(/\D/g, "").length;
      return digits >= 8 && digits <= 15;
    },
  },
];

/** Every match of the given kinds, without overlaps, in text order. */
export function detectPii(text: string, kinds: readonly PiiKind[]): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const detector of DETECTORS) {
    if (!kinds.includes(detector.kind)) continue;
    for (const match of text.matchAll(detector.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (detector.accept && !detector.accept(match[0])) continue;
      if (found.some((other) => start < other.end && end > other.start)) continue;
      found.push({ kind: detector.kind, start, end, text: match[0] });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Where a streamed text can be cut: `holdBack` characters before its end, moved back to the
 * start of any match that spans the cut, so that a value is always scanned whole.
 */
export function piiCut(buffer: string, holdBack: number, final: boolean, kinds: readonly PiiKind[]): number {
  if (final) return buffer.length;
  let cut = Math.max(0, buffer.length - holdBack);
  for (const match of detectPii(buffer, kinds)) {
    if (match.start < cut && match.end > cut) cut = match.start;
  }
  return cut;
}
