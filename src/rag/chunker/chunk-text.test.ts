import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk-text.js";

const paragraphs = [
  "Switchyard is a gateway. It routes requests to providers.",
  "Keys are issued by the gateway. They are stored as hashes.",
  "Budgets limit spending per key. Limits reset every month.",
].join("\n\n");

describe("chunkText", () => {
  it("keeps paragraphs whole when they fit", () => {
    const chunks = chunkText(paragraphs, { size: 70, overlap: 0, strategy: "recursive" });
    expect(chunks).toEqual([
      "Switchyard is a gateway. It routes requests to providers.",
      "Keys are issued by the gateway. They are stored as hashes.",
      "Budgets limit spending per key. Limits reset every month.",
    ]);
  });

  it("packs small paragraphs together up to the size", () => {
    const chunks = chunkText(paragraphs, { size: 400, overlap: 0, strategy: "recursive" });
    expect(chunks).toHaveLength(1);
  });

  it("splits a long paragraph at sentences, then words, never over the size", () => {
    const long = Array.from({ length: 40 }, (_, index) => `Sentence number ${index} is here.`).join(" ");
    const chunks = chunkText(long, { size: 100, overlap: 20, strategy: "recursive" });
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(100);
    expect(chunks[0]).toMatch(/^Sentence number 0 is here\./);
  });

  it("repeats the end of the previous chunk as overlap", () => {
    const chunks = chunkText(paragraphs, { size: 80, overlap: 20, strategy: "recursive" });
    expect(chunks[1]).toContain("to providers.");
    expect(chunks[1]).toContain("Keys are issued");
  });

  it("cuts fixed chunks at exact offsets with overlap", () => {
    expect(chunkText("abcdefghij", { size: 4, overlap: 1, strategy: "fixed" })).toEqual(["abcd", "defg", "ghij"]);
  });

  it("packs sentences with the sentence strategy", () => {
    const chunks = chunkText("One. Two. Three. Four.", { size: 10, overlap: 0, strategy: "sentence" });
    expect(chunks).toEqual(["One.\nTwo.", "Three.", "Four."]);
  });

  it("returns nothing for blank text", () => {
    expect(chunkText("  \n ", { size: 10, overlap: 0, strategy: "recursive" })).toEqual([]);
  });
});
