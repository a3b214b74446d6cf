import type { builtinDetectors, RedactionRule } from "../config/telemetry-schema.js";

type Detector = (typeof builtinDetectors)[number];

/** Replaces secrets and personal data in captured text: the config's rules first, then detectors. */
export type Redactor = (text: string) => string;

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
// 13 to 19 digits, optionally grouped by spaces or dashes; kept only when the Luhn check passes.
const CARD = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
// Digit groups are taken whole: a phone never starts or ends inside a longer number.
const PHONE = /(?<![\w+]|\d[ .-])\+?(?:\(\d{1,4}\)[ .-]?)?\d(?:[ .-]?\d){6,14}(?!\w|[ .-]\d)/g;
const API_KEY =
  /\b(?:sk|pk|rk|sy)-[A-Za-z0-9_-]{16,}|\bAKIA[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abpr]-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{35}|\bBearer\s+[A-Za-z0-9._~+/-]{16,}=*/g;

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

const DETECTORS: Record<Detector, Redactor> = {
  email: (text) => text.replace(EMAIL, "[EMAIL]"),
  card: (text) => text.replace(CARD, (match) => (passesLuhn(match.replace(/\D/g, "")) ? "[CARD]" : match)),
  phone: (text) => text.replace(PHONE, (match) => (match.replace(/\D/g, "").length >= 7 ? "[PHONE]" : match)),
  "api-key": (text) => text.replace(API_KEY, "[API_KEY]"),
};
// API keys and cards before phones: a phone pattern would otherwise eat their digits.
const DETECTOR_ORDER: readonly Detector[] = ["api-key", "email", "card", "phone"];

export function createRedactor(rules: readonly RedactionRule[], detectors: readonly Detector[]): Redactor {
  const compiled = rules.map((rule) => ({
    pattern: new RegExp(rule.pattern, rule.flags.includes("g") ? rule.flags : `${rule.flags}g`),
    replacement: rule.replacement,
  }));
  const active = DETECTOR_ORDER.filter((detector) => detectors.includes(detector)).map((name) => DETECTORS[name]);
  return (text) => {
    let result = text;
    for (const rule of compiled) result = result.replace(rule.pattern, rule.replacement);
    for (const detector of active) result = detector(result);
    return result;
  };
}
