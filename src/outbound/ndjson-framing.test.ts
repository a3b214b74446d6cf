import { describe, expect, it } from "vitest";
import { readNdjsonLines } from "./read-ndjson.js";

async function* reads(chunks: Array<string | Buffer>): AsyncGenerator<Buffer> {
  for (const chunk of chunks) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
}

async function batches(chunks: Array<string | Buffer>): Promise<string[][]> {
  const result: string[][] = [];
  for await (const batch of readNdjsonLines(reads(chunks))) result.push(batch);
  return result;
}

const check = Buffer.from('{"text":"✓"}\n', "utf8");
// "✓" is three bytes (e2 9c 93); cut after its first byte.
const checkCut = check.indexOf(0xe2) + 1;

describe("readNdjsonLines", () => {
  const cases: Array<{ name: string; chunks: Array<string | Buffer>; expected: string[][] }> = [
    { name: "one line per read", chunks: ['{"a":1}\n', '{"b":2}\n'], expected: [['{"a":1}'], ['{"b":2}']] },
    {
      name: "several lines in one read form one batch",
      chunks: ['{"a":1}\n{"b":2}\n'],
      expected: [['{"a":1}', '{"b":2}']],
    },
    {
      name: "a line split across reads waits for its newline",
      chunks: ['{"a":', "1}", '\n{"b"', ":2}\n"],
      expected: [['{"a":1}'], ['{"b":2}']],
    },
    {
      name: "a multi-byte character split across reads",
      chunks: [check.subarray(0, checkCut), check.subarray(checkCut)],
      expected: [['{"text":"✓"}']],
    },
    {
      name: "CRLF line ends and blank lines",
      chunks: ['{"a":1}\r\n\r\n\n{"b":2}\r\n'],
      expected: [['{"a":1}', '{"b":2}']],
    },
    {
      name: "a last line without newline is still yielded",
      chunks: ['{"a":1}\n{"b":2}'],
      expected: [['{"a":1}'], ['{"b":2}']],
    },
    {
      name: "a truncated last line is yielded as it is",
      chunks: ['{"a":1}\n{"b":'],
      expected: [['{"a":1}'], ['{"b":']],
    },
    { name: "an empty body yields nothing", chunks: [], expected: [] },
    { name: "only whitespace yields nothing", chunks: ["\n\n", "  \n"], expected: [] },
  ];

  it.each(cases)("$name", async ({ chunks, expected }) => {
    expect(await batches(chunks)).toEqual(expected);
  });

  it("a character split across reads at the very end of a line", async () => {
    const bytes = Buffer.from('{"t":"é"}\n{"t":"ü"}\n', "utf8");
    const oneByteAtATime = [...bytes].map((byte) => Buffer.from([byte]));
    const lines = (await batches(oneByteAtATime)).flat();
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ t: "é" }, { t: "ü" }]);
  });
});
