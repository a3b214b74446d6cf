import type { builtinDetectors, RedactionRule } from "../config/telemetry-schema.js";
import { detectPii, type PiiKind } from "../privacy/pii-detectors.js";

type Detector = (typeof builtinDetectors)[number];

/** Replaces secrets and personal data in captured text: the config's rules first, then detectors. */
export type Redactor = (text: string) => string;

/** The label each log detector writes in place of what it found. */
const LABELS: Record<Detector, string> = { email: "[EMAIL]", card: "[CARD]", phone: "[PHONE]", "api-key": "[API_KEY]" };
const KINDS: Record<Detector, PiiKind> = { email: "email", card: "card", phone: "phone", "api-key": "secret" };

function redactDetected(text: string, detectors: readonly Detector[]): string {
  const kinds = detectors.map((detector) => KINDS[detector]);
  const labelOf = new Map(detectors.map((detector) => [KINDS[detector], LABELS[detector]]));
  let result = "";
  let position = 0;
  for (const match of detectPii(text, kinds)) {
    result += text.slice(position, match.start) + (labelOf.get(match.kind) ?? "[REDACTED]");
    position = match.end;
  }
  return result + text.slice(position);
}

export function createRedactor(rules: readonly RedactionRule[], detectors: readonly Detector[]): Redactor {
  const compiled = rules.map((rule) => ({
    pattern: new RegExp(rule.pattern, rule.flags.includes("g") ? rule.flags : `${rule.flags}g`),
    replacement: rule.replacement,
  }));
  return (text) => {
    let result = text;
    for (const rule of compiled) result = result.replace(rule.pattern, rule.replacement);
    return detectors.length > 0 ? redactDetected(result, detectors) : result;
  };
}
