import { describe, expect, it } from "vitest";
import { extraFields } from "./extra-fields.js";

describe("extraFields", () => {
  it("copies the fields outside the known ones", () => {
    const wire = { model: "m", seed: 1, store: true };
    expect(extraFields(wire, new Set(["model"]))).toEqual({ seed: 1, store: true });
    expect(extraFields(wire, new Set(["model", "seed"]))).toEqual({ store: true });
  });

  it("gives undefined when every field is known", () => {
    expect(extraFields({ model: "m" }, new Set(["model"]))).toBeUndefined();
    expect(extraFields({}, new Set())).toBeUndefined();
  });

  it("leaves out a __proto__ key and inherited fields", () => {
    const wire = JSON.parse('{"model":"m","__proto__":{"stream":true},"seed":1}');
    const extra = extraFields(wire, new Set(["model"]));
    expect(extra).toEqual({ seed: 1 });
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
    const child = Object.assign(Object.create({ inherited: 1 }), { own: 2 });
    expect(extraFields(child, new Set())).toEqual({ own: 2 });
  });
});
