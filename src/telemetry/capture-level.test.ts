import { describe, expect, it } from "vitest";
import { telemetrySchema } from "../config/telemetry-schema.js";
import type { RequestAuth } from "../contract/request-context.js";
import { captureLevelFor } from "./capture-level.js";

const capture = telemetrySchema.parse({
  capture: { level: "metadata", models: { chatty: "full", quiet: "none" } },
}).capture;
const key = (logCapture: RequestAuth["logCapture"]): RequestAuth => ({ keyId: "k", metadata: {}, logCapture });

describe("captureLevelFor", () => {
  it.each([
    ["the global level", undefined, undefined, {}, "metadata"],
    ["the virtual model's level", "chatty", undefined, {}, "full"],
    ["the key's level over the model's", "chatty", key({ level: "none" }), {}, "none"],
    ["a header that lowers", "chatty", undefined, { "x-switchyard-log": "none" }, "none"],
    ["a header that raises without a key", "quiet", undefined, { "x-switchyard-log": "full" }, "none"],
    [
      "a header that raises within the key's allowance",
      "quiet",
      key({ allowRaiseTo: "metadata" }),
      { "x-switchyard-log": "full" },
      "none",
    ],
    [
      "a header that raises to the key's allowance",
      undefined,
      key({ allowRaiseTo: "full" }),
      { "x-switchyard-log": "FULL" },
      "full",
    ],
    ["an unknown header value", "chatty", undefined, { "x-switchyard-log": "everything" }, "full"],
  ] as const)("uses %s", (_name, model, auth, headers, expected) => {
    expect(captureLevelFor(capture, model, auth, headers)).toBe(expected);
  });
});
