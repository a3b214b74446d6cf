import { describe, expect, it } from "vitest";
import { PiiVault, placeholderCut } from "./pii-vault.js";

describe("PiiVault", () => {
  it("gives one placeholder per original and restores them", () => {
    const vault = new PiiVault();
    expect(vault.placeholderFor("email", "a@b.io")).toBe("[EMAIL_1]");
    expect(vault.placeholderFor("email", "c@d.io")).toBe("[EMAIL_2]");
    expect(vault.placeholderFor("email", "a@b.io")).toBe("[EMAIL_1]");
    expect(vault.restore("[EMAIL_2] and [EMAIL_1], not [EMAIL_3]")).toBe("c@d.io and a@b.io, not [EMAIL_3]");
  });

  it.each([
    ["no bracket", "hello", false, 5],
    ["an open placeholder", "hi [EMA", false, 3],
    ["a closed placeholder", "hi [EMAIL_1] x", false, 14],
    ["a bracket far from the end", `[${"x".repeat(20)}`, false, 21],
    ["the end of the stream", "hi [EMA", true, 7],
  ])("cuts a stream buffer with %s", (_case, buffer, final, cut) => {
    expect(placeholderCut(buffer, final)).toBe(cut);
  });
});
