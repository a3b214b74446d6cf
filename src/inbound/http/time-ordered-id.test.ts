import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("timeOrderedId", () => {
  it("is a UUIDv7 whose first 48 bits are the time in ms", () => {
    const id = timeOrderedId(Date.UTC(2026, 10, 26, 12, 0, 0, 123));
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(Date.UTC(2026, 10, 26, 12, 0, 0, 123));
  });

  it("sorts by time, and differs within the same millisecond", () => {
    const earlier = timeOrderedId(1_000);
    const later = timeOrderedId(1_001);
    expect(later > earlier).toBe(true);
    const ids = new Set(Array.from({ length: 1_000 }, () => timeOrderedId(5_000)));
    expect(ids.size).toBe(1_000);
  });
});
