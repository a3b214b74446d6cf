import { describe, expect, it } from "vitest";
import type { StreamChunk } from "../contract/stream-event.js";
import { type ChunkDecoder, ChunkStream } from "./chunk-stream.js";
import { NdjsonFraming } from "./ndjson-framing.js";

/** The lines a framing hands over for text fed in these pieces, then the body's end. */
function linesOf(pieces: string[]): string[] {
  const lines: string[] = [];
  const framing = new NdjsonFraming((line) => lines.push(line));
  for (const piece of pieces) framing.feed(piece);
  framing.end();
  return lines;
}

/** Passes each line on as a text delta; a body without a terminal line ends quietly. */
class LineEchoDecoder implements ChunkDecoder<string> {
  readonly ended = false;
  readonly complete = false;

  decode(line: string): StreamChunk {
    return { events: [{ type: "text-delta", choiceIndex: 0, text: line }] };
  }

  cut(): undefined {
    return undefined;
  }
}

async function* reads(parts: Array<string | Buffer>): AsyncGenerator<Buffer> {
  for (const part of parts) yield typeof part === "string" ? Buffer.from(part, "utf8") : part;
}

/** The lines of a body read in these parts, grouped by the chunk they came in. */
async function batchesOf(parts: Array<string | Buffer>): Promise<string[][]> {
  const stream = new ChunkStream(reads(parts), NdjsonFraming, new LineEchoDecoder(), "p", new AbortController().signal);
  const batches: string[][] = [];
  for await (const chunk of stream) {
    batches.push(chunk.events.map((event) => (event.type === "text-delta" ? event.text : event.type)));
  }
  return batches;
}

describe("NdjsonFraming", () => {
  const cases: Array<{ name: string; pieces: string[]; lines: string[] }> = [
    { name: "one line per piece", pieces: ['{"a":1}\n', '{"b":2}\n'], lines: ['{"a":1}', '{"b":2}'] },
    { name: "several lines in one piece", pieces: ['{"a":1}\n{"b":2}\n'], lines: ['{"a":1}', '{"b":2}'] },
    {
      name: "a line split across pieces",
      pieces: ['{"a":', "1}", '\n{"b"', ":2}\n"],
      lines: ['{"a":1}', '{"b":2}'],
    },
    {
      name: "one character per piece",
      pieces: [...'{"a":1}\r\n{"b":2}\n'],
      lines: ['{"a":1}', '{"b":2}'],
    },
    { name: "CRLF line ends", pieces: ['{"a":1}\r\n{"b":2}\r\n'], lines: ['{"a":1}', '{"b":2}'] },
    {
      name: "a CR and its LF in different pieces",
      pieces: ['{"a":1}\r', '\n{"b":2}\r', "\n"],
      lines: ['{"a":1}', '{"b":2}'],
    },
    {
      name: "blank and whitespace-only lines are skipped",
      pieces: ["\n", '{"a":1}\r\n\r\n\n', "  \n\t\n", '{"b":2}\n\n'],
      lines: ['{"a":1}', '{"b":2}'],
    },
    {
      name: "text without a final newline is a last line",
      pieces: ['{"a":1}\n{"b":2}'],
      lines: ['{"a":1}', '{"b":2}'],
    },
    { name: "a truncated last line is handed over as it is", pieces: ['{"a":1}\n{"b":'], lines: ['{"a":1}', '{"b":'] },
    { name: "a trailing CR without its LF is dropped", pieces: ['{"a":1}\r'], lines: ['{"a":1}'] },
    { name: "nothing from an empty body", pieces: [], lines: [] },
    { name: "nothing from whitespace only", pieces: ["\n\n", "  \n", " "], lines: [] },
  ];

  it.each(cases)("$name", ({ pieces, lines }) => {
    expect(linesOf(pieces)).toEqual(lines);
  });

  it("hands a line over as soon as its newline arrives, and holds the rest", () => {
    const lines: string[] = [];
    const framing = new NdjsonFraming((line) => lines.push(line));
    framing.feed('{"a":1}\n{"b"');
    expect(lines).toEqual(['{"a":1}']);
    framing.feed(":2}\n");
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
    framing.end();
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
  });
});

describe("ChunkStream, with NDJSON framing", () => {
  const check = Buffer.from('{"text":"✓"}\n', "utf8");
  // "✓" is three bytes (e2 9c 93); cut after its first byte.
  const checkCut = check.indexOf(0xe2) + 1;

  const cases: Array<{ name: string; parts: Array<string | Buffer>; batches: string[][] }> = [
    { name: "one line per read", parts: ['{"a":1}\n', '{"b":2}\n'], batches: [['{"a":1}'], ['{"b":2}']] },
    { name: "the lines of one read form one chunk", parts: ['{"a":1}\n{"b":2}\n'], batches: [['{"a":1}', '{"b":2}']] },
    {
      name: "a line split across reads comes with the read that ends it",
      parts: ['{"a":', "1}", '\n{"b"', ":2}\n"],
      batches: [['{"a":1}'], ['{"b":2}']],
    },
    {
      name: "a multi-byte character split across reads",
      parts: [check.subarray(0, checkCut), check.subarray(checkCut)],
      batches: [['{"text":"✓"}']],
    },
    {
      name: "CRLF line ends and blank lines",
      parts: ['{"a":1}\r\n\r\n\n{"b":2}\r\n'],
      batches: [['{"a":1}', '{"b":2}']],
    },
    {
      name: "a last line without newline comes at the body's end",
      parts: ['{"a":1}\n{"b":2}'],
      batches: [['{"a":1}'], ['{"b":2}']],
    },
    { name: "a truncated last line comes as it is", parts: ['{"a":1}\n{"b":'], batches: [['{"a":1}'], ['{"b":']] },
    { name: "an empty body gives nothing", parts: [], batches: [] },
    { name: "only whitespace gives nothing", parts: ["\n\n", "  \n"], batches: [] },
  ];

  it.each(cases)("$name", async ({ parts, batches }) => {
    expect(await batchesOf(parts)).toEqual(batches);
  });

  it("reads multi-byte characters one byte per read", async () => {
    const bytes = Buffer.from('{"t":"é"}\n{"t":"ü✓"}\r\n{"t":"😀"}', "utf8");
    const oneByteAtATime = [...bytes].map((byte) => Buffer.from([byte]));
    const lines = (await batchesOf(oneByteAtATime)).flat();
    expect(lines.map((line) => JSON.parse(line))).toEqual([{ t: "é" }, { t: "ü✓" }, { t: "😀" }]);
  });
});
