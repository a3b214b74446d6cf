import { describe, expect, it } from "vitest";
import { ExampleIndex } from "./example-index.js";

describe("ExampleIndex", () => {
  it("finds the example most like a prompt by cosine similarity, whatever the vectors' lengths", () => {
    const examples = new ExampleIndex(
      ["weapons", "recipes"],
      [
        [3, 0, 0],
        [0, 2, 2],
      ],
    );
    expect(examples.nearest([10, 1, 0])).toMatchObject({ text: "weapons" });
    expect(examples.nearest([0, 1, 1])?.score).toBeCloseTo(1, 5);
    expect(examples.nearest([1, 0])).toBeUndefined();
    expect(new ExampleIndex([], []).nearest([1])).toBeUndefined();
  });
});
