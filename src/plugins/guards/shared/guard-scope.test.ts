import { describe, expect, it } from "vitest";
import { testChatContext } from "../../../../test/support/chat-context.js";
import { inScope } from "./guard-scope.js";

describe("inScope", () => {
  const key = { keyId: "key_1", projectId: "proj_a", metadata: {} };
  it.each([
    ["no scope", undefined, undefined, true],
    ["a listed key", { keys: ["key_1"] }, key, true],
    ["another key", { keys: ["key_2"] }, key, false],
    ["no key at all", { keys: ["key_1"] }, undefined, false],
    ["a listed project", { projects: ["proj_a"] }, key, true],
    ["a key without project", { projects: ["proj_a"] }, { keyId: "k", metadata: {} }, false],
    ["both, one failing", { keys: ["key_1"], projects: ["proj_b"] }, key, false],
  ])("%s", (_case, scope, auth, expected) => {
    expect(inScope(testChatContext({ auth }), scope)).toBe(expected);
  });
});
