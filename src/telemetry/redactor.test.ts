import { describe, expect, it } from "vitest";
import { passesLuhn } from "../privacy/pii-detectors.js";
import { createRedactor } from "./redactor.js";

const all = createRedactor([], ["email", "phone", "card", "api-key"]);

describe("createRedactor", () => {
  it.each([
    ["an email", "write to a.b+c@mail.example.org now", "write to [EMAIL] now"],
    ["a grouped card that passes Luhn", "card 4242-4242-4242-4242.", "card [CARD]."],
    ["an ungrouped card", "pay with 5555555555554444", "pay with [CARD]"],
    ["a number that fails Luhn", "order 4242 4242 4242 4241", "order 4242 4242 4242 4241"],
    ["an international phone", "call +44 20 7946 0958 today", "call [PHONE] today"],
    ["a US phone with area code", "(415) 555-0134", "[PHONE]"],
    ["an OpenAI-style key", "key sk-proj_abcdefghijklmnopqrstuv end", "key [API_KEY] end"],
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE", "[API_KEY]"],
    ["a bearer token", "Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "Authorization: [API_KEY]"],
    ["short numbers", "room 12, 2025 edition, 3.14", "room 12, 2025 edition, 3.14"],
  ])("redacts %s", (_name, input, expected) => {
    expect(all(input)).toBe(expected);
  });

  it("applies the config's rules first, then only the chosen detectors", () => {
    const redact = createRedactor([{ pattern: "ticket-\\d+", flags: "i", replacement: "[TICKET]" }], ["email"]);
    expect(redact("TICKET-42 from x@y.io, call +1 415 555 0134")).toBe("[TICKET] from [EMAIL], call +1 415 555 0134");
  });

  it("checks Luhn", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
  });
});
