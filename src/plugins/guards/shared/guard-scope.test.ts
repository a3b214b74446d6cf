import { describe, expect, it } from "vitest";
import type { RequestAuth, RequestContextBase } from "../../../spec/request-context.js";
import { inScope } from "./guard-scope.js";

function contextOf(auth?: RequestAuth): RequestContextBase {
  return {
    requestId: "r",
    dialect: "openai-chat",
    headers: {},
    signal: new AbortController().signal,
    state: new Map(),
    logFields: {},
    metadata: {},
    responseHeaders: {},
    auth,
  };
}

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
    expect(inScope(contextOf(auth), scope)).toBe(expected);
  });
});
