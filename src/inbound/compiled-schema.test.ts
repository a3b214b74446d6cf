import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compiledSchema } from "./compiled-schema.js";
import { openAIChatRequestSchema } from "./openai-chat/wire-schema.js";

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues;
};

describe("compiledSchema", () => {
  const runtime = z.looseObject({ model: z.string().min(1), n: z.number().int().optional() });
  const compiled = compiledSchema(runtime);

  it("parses a valid body to what the schema walk gives, unknown fields kept", () => {
    const body = { model: "m", n: 2, extra: { deep: [1] } };
    expect(compiled.parse(body)).toEqual(runtime.parse(body));
    expect(compiled.parse(body)).not.toBe(body);
  });

  it("rejects an invalid body with the issues of the schema walk", () => {
    for (const body of [{ model: "" }, { model: "m", n: 1.5 }, { n: 1 }, null]) {
      expect(issuesOf(compiled, body)).toEqual(issuesOf(runtime, body));
      expect(issuesOf(compiled, body)).not.toEqual([]);
    }
  });

  it("refuses, when the module loads, a schema zod cannot compile", () => {
    const asyncCheck = z.string().refine(async () => true);
    expect(() => compiledSchema(asyncCheck)).toThrow();
  });

  it("gives the chat request schema's errors unchanged", () => {
    const body = { model: "m", messages: [{ role: "robot", content: "hi" }] };
    expect(issuesOf(openAIChatRequestSchema, body)[0]?.path).toEqual(["messages", 0, "role"]);
  });
});
