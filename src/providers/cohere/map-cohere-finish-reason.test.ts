import { describe, expect, it } from "vitest";
import type { UnifiedFinishReason } from "../../contract/finish-reason.js";
import { mapCohereFinishReason } from "./map-cohere-finish-reason.js";

describe("mapCohereFinishReason", () => {
  const cases: Array<[raw: string | null | undefined, hasToolCalls: boolean, unified: UnifiedFinishReason]> = [
    ["COMPLETE", false, "stop"],
    ["STOP_SEQUENCE", false, "stop"],
    ["MAX_TOKENS", false, "length"],
    ["TOOL_CALL", false, "tool_calls"],
    ["TOOL_CALL", true, "tool_calls"],
    ["ERROR", false, "error"],
    ["TIMEOUT", false, "error"],
    // Tool calls win over a plain stop, never over a cut or a failure.
    ["COMPLETE", true, "tool_calls"],
    ["MAX_TOKENS", true, "length"],
    ["ERROR", true, "error"],
    ["SOMETHING_NEW", false, "other"],
    ["SOMETHING_NEW", true, "tool_calls"],
    [null, false, "stop"],
    [undefined, true, "tool_calls"],
  ];

  it.each(cases)("%s (tool calls: %s) → %s", (raw, hasToolCalls, unified) => {
    expect(mapCohereFinishReason(raw, hasToolCalls)).toEqual({ unified, raw: raw ?? null });
  });
});
