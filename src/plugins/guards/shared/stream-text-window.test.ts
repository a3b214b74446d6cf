import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../../contract/stream-event.js";
import { StreamTextWindow, safeCut } from "./stream-text-window.js";

function run(window: StreamTextWindow, deltas: string[]): string[] {
  const out: string[] = [];
  const events: StreamEvent[] = [
    ...deltas.map((text): StreamEvent => ({ type: "text-delta", choiceIndex: 0, text })),
    { type: "finish", choiceIndex: 0, finishReason: { unified: "stop", raw: "stop" } },
  ];
  for (const event of events) {
    const result = window.handle(event);
    const list = result === undefined ? [event] : result === null ? [] : Array.isArray(result) ? result : [result];
    for (const item of list) if (item.type === "text-delta") out.push(item.text);
  }
  return out;
}

describe("StreamTextWindow", () => {
  const pattern = /secret \w+/g;
  const redactor = (holdBack: number) =>
    new StreamTextWindow((buffer, final) => {
      const cut = safeCut(buffer, holdBack, final, [pattern]);
      return { emit: buffer.slice(0, cut).replace(pattern, "[X]"), keep: buffer.slice(cut) };
    });

  it("redacts a match split over one-character deltas and keeps the text whole", () => {
    const text = "the secret plan is secret code here";
    const out = run(redactor(10), Array.from(text));
    expect(out.join("")).toBe("the [X] is [X] here");
    expect(out.every((piece) => !piece.includes("secret"))).toBe(true);
  });

  it("holds back only the window: early text goes out before the end", () => {
    const out = run(redactor(4), ["abcdefgh", "ijkl"]);
    expect(out).toEqual(["abcd", "efgh", "ijkl"]);
  });

  it("never cuts inside a match", () => {
    expect(safeCut("xx secret abc", 3, false, [pattern])).toBe(3);
    expect(safeCut("xx secret abc", 3, true, [pattern])).toBe(13);
  });
});
