import { describe, expect, it } from "vitest";
import type { UnifiedFinishReason } from "../../contract/finish-reason.js";
import { mapOllamaFinishReason } from "./map-ollama-finish-reason.js";

describe("mapOllamaFinishReason", () => {
  const cases: Array<[raw: string | null | undefined, hasToolCalls: boolean, unified: UnifiedFinishReason]> = [
    ["stop", false, "stop"],
    ["length", false, "length"],
    ["load", false, "stop"],
    ["unload", false, "stop"],
    // Ollama says stop after tool calls; the calls decide.
    ["stop", true, "tool_calls"],
    [undefined, true, "tool_calls"],
    ["length", true, "length"],
    ["something_new", false, "other"],
    [null, false, "stop"],
    [undefined, false, "stop"],
  ];

  it.each(cases)("%s (tool calls: %s) → %s", (raw, hasToolCalls, unified) => {
    expect(mapOllamaFinishReason(raw, hasToolCalls)).toEqual({ unified, raw: raw ?? null });
  });
});
