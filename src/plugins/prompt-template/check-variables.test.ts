import { describe, expect, it } from "vitest";
import { checkVariables } from "./check-variables.js";
import type { TemplateDefinition } from "./template-definition.js";

const definition: TemplateDefinition = {
  messages: [{ role: "system", content: "x" }],
  variables: {
    name: { type: "string" },
    count: { type: "integer", default: 1 },
    ratio: { type: "number", required: false },
    tags: { type: "array", default: [] },
    options: { type: "object", required: false },
    loud: { type: "boolean", default: false },
  },
};

describe("checkVariables", () => {
  it("fills defaults and keeps given values", () => {
    expect(checkVariables("t", definition, { name: "Ada", ratio: 0.5 })).toEqual({
      name: "Ada",
      count: 1,
      ratio: 0.5,
      tags: [],
      options: null,
      loud: false,
    });
  });

  it.each([
    [{}, 'Template "t": variable "name" is required (string).'],
    [{ name: "a", count: 1.5 }, 'Template "t": variable "count" must be of type integer, not number.'],
    [{ name: "a", tags: "x" }, 'Template "t": variable "tags" must be of type array, not string.'],
    [{ name: "a", options: [] }, 'Template "t": variable "options" must be of type object, not array.'],
    [{ name: "a", loud: "yes" }, 'Template "t": variable "loud" must be of type boolean, not string.'],
    [{ name: "a", extra: 1 }, 'Template "t": variable "extra" is not declared by the template.'],
  ])("refuses %j", (given, message) => {
    expect(() => checkVariables("t", definition, given)).toThrow(message);
  });
});
