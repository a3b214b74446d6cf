import { describe, expect, it } from "vitest";
import { cleanGeminiSchema } from "./clean-gemini-schema.js";

describe("cleanGeminiSchema", () => {
  it.each<[string, unknown, unknown]>([
    [
      "drops $schema, additionalProperties and other keywords Gemini's Schema lacks",
      {
        $schema: "http://json-schema.org/draft-07/schema#",
        $id: "weather",
        $comment: "x",
        type: "object",
        additionalProperties: false,
        properties: {
          city: { type: "string", description: "City", minLength: 1, examples: ["Paris"], readOnly: true },
          days: { type: "integer", minimum: 1, exclusiveMaximum: 15, multipleOf: 1 },
          tags: { type: "array", items: { type: "string" }, uniqueItems: true, minItems: 1 },
        },
        required: ["city"],
        strict: true,
      },
      {
        type: "object",
        properties: {
          city: { type: "string", description: "City", minLength: 1 },
          days: { type: "integer", minimum: 1 },
          tags: { type: "array", items: { type: "string" }, minItems: 1 },
        },
        required: ["city"],
      },
    ],
    [
      "type unions with null become nullable",
      { type: "object", properties: { note: { type: ["string", "null"] } } },
      { type: "object", properties: { note: { type: "string", nullable: true } } },
    ],
    ["several types become anyOf", { type: ["string", "number"] }, { anyOf: [{ type: "string" }, { type: "number" }] }],
    [
      "anyOf [X, null] collapses to a nullable X",
      { anyOf: [{ type: "integer", description: "n" }, { type: "null" }] },
      { nullable: true, type: "integer", description: "n" },
    ],
    [
      "oneOf is read as anyOf",
      { oneOf: [{ type: "string" }, { type: "object", properties: { a: { type: "string" } } }] },
      { anyOf: [{ type: "string" }, { type: "object", properties: { a: { type: "string" } } }] },
    ],
    [
      "allOf parts are merged",
      {
        allOf: [
          { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
          { properties: { b: { type: "number" } }, required: ["b"] },
        ],
      },
      { type: "object", properties: { a: { type: "string" }, b: { type: "number" } }, required: ["a", "b"] },
    ],
    [
      "$ref into $defs and definitions is inlined",
      {
        type: "object",
        properties: { home: { $ref: "#/$defs/Place" }, work: { $ref: "#/definitions/Place", description: "Office" } },
        $defs: { Place: { type: "object", properties: { city: { type: "string" } }, additionalProperties: false } },
        definitions: { Place: { type: "object", properties: { city: { type: "string" } } } },
      },
      {
        type: "object",
        properties: {
          home: { type: "object", properties: { city: { type: "string" } } },
          work: { type: "object", description: "Office", properties: { city: { type: "string" } } },
        },
      },
    ],
    [
      "a recursive $ref stops at a plain object",
      {
        $defs: { Node: { type: "object", properties: { next: { $ref: "#/$defs/Node" } } } },
        $ref: "#/$defs/Node",
      },
      { type: "object", properties: { next: { type: "object" } } },
    ],
    [
      "const becomes a one-value enum; non-string enums are dropped",
      { type: "object", properties: { kind: { const: "city" }, level: { type: "integer", enum: [1, 2] } } },
      { type: "object", properties: { kind: { type: "string", enum: ["city"] }, level: { type: "integer" } } },
    ],
    [
      "enum with null is nullable",
      { type: "string", enum: ["a", "b", null] },
      { type: "string", nullable: true, enum: ["a", "b"] },
    ],
    [
      "only the formats Gemini supports are kept",
      {
        type: "object",
        properties: {
          when: { type: "string", format: "date-time" },
          mail: { type: "string", format: "email" },
          ratio: { type: "number", format: "double" },
        },
      },
      {
        type: "object",
        properties: {
          when: { type: "string", format: "date-time" },
          mail: { type: "string" },
          ratio: { type: "number", format: "double" },
        },
      },
    ],
    [
      "required names without a property are dropped",
      { type: "object", properties: { a: { type: "string" } }, required: ["a", "ghost", "toString"] },
      { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
    ],
    [
      "tuple items keep their first schema",
      { type: "array", items: [{ type: "string" }] },
      { type: "array", items: { type: "string" } },
    ],
    ["not an object", "string", undefined],
  ])("%s", (_name, input, expected) => {
    expect(cleanGeminiSchema(input)).toEqual(expected);
  });

  it("leaves its input untouched", () => {
    const input = { type: "object", additionalProperties: false, properties: { a: { type: ["string", "null"] } } };
    const copy = structuredClone(input);
    cleanGeminiSchema(input);
    expect(input).toEqual(copy);
  });
});
