import { describe, expect, it } from "vitest";
import { detectPii, PII_KINDS, passesIbanCheck, passesLuhn } from "./pii-detectors.js";

describe("detectPii", () => {
  it.each([
    ["an email", "write to ana.lima+news@mail.example.co.uk now", "email", "ana.lima+news@mail.example.co.uk"],
    ["an international phone", "call +44 20 7946 0958 today", "phone", "+44 20 7946 0958"],
    ["a dashed phone", "call 415-555-0100", "phone", "415-555-0100"],
    ["a Luhn-valid card", "card 5500 0000 0000 0004 ok", "card", "5500 0000 0000 0004"],
    ["a compact IBAN", "iban GB82WEST12345698765432", "iban", "GB82WEST12345698765432"],
    ["an IPv4 address", "host 192.168.1.20:8080", "ip", "192.168.1.20"],
    ["an IPv6 address", "host 2001:db8::8a2e:370:7334 up", "ip", "2001:db8::8a2e:370:7334"],
    ["an OpenAI key", "key sk-abcdefghijklmnopqrstuvwxyz123456", "secret", "sk-abcdefghijklmnopqrstuvwxyz123456"],
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE", "secret", "AKIAIOSFODNN7EXAMPLE"],
    [
      "a GitHub token",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "secret",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
    ],
  ])("finds %s", (_case, text, kind, found) => {
    expect(detectPii(text, PII_KINDS).map((match) => [match.kind, match.text])).toEqual([[kind, found]]);
  });

  it.each([
    ["a card number failing Luhn", "4111 1111 1111 1112"],
    ["an IBAN failing its check", "GB82WEST12345698765431"],
    ["a short number", "room 12345"],
    ["a version string", "v1.2.3"],
    ["a time", "at 12:30"],
  ])("ignores %s", (_case, text) => {
    expect(detectPii(text, PII_KINDS)).toEqual([]);
  });

  it("only looks for the kinds asked", () => {
    expect(detectPii("a@b.io 10.0.0.1", ["ip"]).map((match) => match.kind)).toEqual(["ip"]);
  });

  it("checks Luhn and IBAN checksums", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
    expect(passesIbanCheck("DE89 3704 0044 0532 0130 00")).toBe(true);
    expect(passesIbanCheck("DE88 3704 0044 0532 0130 00")).toBe(false);
  });
});
