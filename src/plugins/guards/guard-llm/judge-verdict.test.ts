import { describe, expect, it } from "vitest";
import { parseJudgeAnswer } from "./judge-verdict.js";

describe("parseJudgeAnswer", () => {
  it.each([
    ["ALLOW", { decision: "allow" }],
    ["allow.", { decision: "allow" }],
    ["**DENY**: asks for malware\nmore", { decision: "deny", reason: "asks for malware" }],
    ["DENY", { decision: "deny", reason: "the policy" }],
  ])("reads %j", (answer, verdict) => {
    expect(parseJudgeAnswer(answer)).toEqual(verdict);
  });

  it("calls anything else unusable", () => {
    expect(parseJudgeAnswer("Allowed, I think").decision).toBe("unavailable");
    expect(parseJudgeAnswer("").decision).toBe("unavailable");
  });
});
