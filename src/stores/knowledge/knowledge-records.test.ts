import { describe, expect, it } from "vitest";
import { bytesToVector, keywordTerms, vectorToBytes } from "./knowledge-records.js";

describe("keywordTerms", () => {
  it("keeps letters and digits, drops stop words, duplicates and query syntax", () => {
    expect(keywordTerms('What is the refund "period" for Orders OR NEAR(x)? orders 2024')).toEqual([
      "refund",
      "period",
      "orders",
      "near",
      "2024",
    ]);
    expect(keywordTerms("Rückerstattung für Bestellungen")).toEqual(["rückerstattung", "für", "bestellungen"]);
    expect(keywordTerms("the of a")).toEqual([]);
  });
});

describe("vector bytes", () => {
  it("round-trips float32 vectors, also from an offset view", () => {
    const backing = new Float32Array([9, 0.25, -1.5, 3]);
    const view = backing.subarray(1, 3);
    const restored = bytesToVector(vectorToBytes(view));
    expect([...restored]).toEqual([0.25, -1.5]);
    expect(restored.byteOffset).toBe(0);
  });
});
