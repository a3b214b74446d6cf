import { describe, expect, it } from "vitest";
import type { UnifiedFinishReason } from "../../contract/finish-reason.js";
import { blockedPromptFinishReason, mapGeminiFinishReason } from "./map-gemini-finish-reason.js";

describe("mapGeminiFinishReason", () => {
  it.each<[string | null | undefined, UnifiedFinishReason]>([
    ["STOP", "stop"],
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content_filter"],
    ["BLOCKLIST", "content_filter"],
    ["PROHIBITED_CONTENT", "content_filter"],
    ["SPII", "content_filter"],
    ["RECITATION", "content_filter"],
    ["LANGUAGE", "content_filter"],
    ["IMAGE_SAFETY", "content_filter"],
    ["IMAGE_PROHIBITED_CONTENT", "content_filter"],
    ["IMAGE_RECITATION", "content_filter"],
    ["MALFORMED_FUNCTION_CALL", "error"],
    ["UNEXPECTED_TOOL_CALL", "error"],
    ["TOO_MANY_TOOL_CALLS", "error"],
    ["OTHER", "other"],
    ["FINISH_REASON_UNSPECIFIED", "other"],
    ["NO_IMAGE", "other"],
    ["SOMETHING_NEW", "other"],
    [undefined, "stop"],
    [null, "stop"],
  ])("%s → %s, keeping the raw value", (raw, unified) => {
    expect(mapGeminiFinishReason(raw)).toEqual({ unified, raw: raw ?? null });
  });

  it("ends a blocked prompt as a content filter with the block reason as raw", () => {
    expect(blockedPromptFinishReason("PROHIBITED_CONTENT")).toEqual({
      unified: "content_filter",
      raw: "PROHIBITED_CONTENT",
    });
  });
});
