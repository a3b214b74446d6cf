import { describe, expect, it } from "vitest";
import { Utf8StreamDecoder } from "./utf8-stream-decoder.js";

describe("Utf8StreamDecoder", () => {
  it("joins a character split across reads", () => {
    const bytes = Buffer.from("é😀x", "utf8");
    const decoder = new Utf8StreamDecoder();
    const text = [...bytes].map((byte) => decoder.write(Uint8Array.of(byte))).join("") + decoder.end();
    expect(text).toBe("é😀x");
  });

  it("drops a leading byte order mark only", () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.write(Buffer.from([0xef, 0xbb]))).toBe("");
    expect(decoder.write(Buffer.from([0xbf, 0x61, 0xef, 0xbb, 0xbf]))).toBe("a\ufeff");
  });

  it("ends a truncated character with a replacement character", () => {
    const decoder = new Utf8StreamDecoder();
    expect(decoder.write(Buffer.from([0x61, 0xc3]))).toBe("a");
    expect(decoder.end()).toBe("\ufffd");
  });
});
