import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LogRecord } from "../../stores/logs/log-record.js";
import { fileSink } from "./file-sink.js";

const record = (requestId: string) =>
  ({ requestId, eventJson: JSON.stringify({ requestId, padding: "x".repeat(60) }) }) as unknown as LogRecord;

describe("fileSink", () => {
  it("appends JSON lines and rotates by size, keeping maxFiles old files", async () => {
    const directory = mkdtempSync(join(tmpdir(), "switchyard-file-sink-"));
    const path = join(directory, "logs", "requests.jsonl");
    const sink = fileSink({ path, maxBytes: 300, maxFiles: 2 });
    for (let index = 0; index < 12; index++) await sink.write([record(`r${index}`)]);
    expect(readdirSync(join(directory, "logs")).sort()).toEqual([
      "requests.jsonl",
      "requests.jsonl.1",
      "requests.jsonl.2",
    ]);
    const lines = (name: string) =>
      readFileSync(join(directory, "logs", name), "utf8")
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { requestId: string }).requestId);
    expect(lines("requests.jsonl")).toEqual(["r9", "r10", "r11"]);
    expect(lines("requests.jsonl.1")).toEqual(["r6", "r7", "r8"]);
    expect(lines("requests.jsonl.2")).toEqual(["r3", "r4", "r5"]);
  });
});
