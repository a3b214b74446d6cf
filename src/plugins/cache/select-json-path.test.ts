import { describe, expect, it } from "vitest";
import { parseJsonPath, selectJsonPath } from "./select-json-path.js";

const request = {
  model: "m",
  messages: [
    { role: "system", content: [{ text: "s" }] },
    { role: "user", content: [{ text: "a" }, { text: "b" }] },
  ],
};

describe("selectJsonPath", () => {
  it.each<[string, unknown[]]>([
    ["$.model", ["m"]],
    ["$['model']", ["m"]],
    ["$.messages[0].role", ["system"]],
    ["$.messages[-1].content[*].text", ["a", "b"]],
    ["$.messages[-1:]", [request.messages[1]]],
    ["$.messages[0:1].role", ["system"]],
    ["$.missing", []],
  ])("%s", (path, expected) => {
    expect(selectJsonPath(request, path)).toEqual(expected);
  });

  it("refuses paths it cannot read", () => {
    expect(() => parseJsonPath("messages")).toThrow(/must start with \$/);
    expect(() => parseJsonPath("$..deep")).toThrow(/cannot read/);
  });
});
