import type { ChunkOptions } from "../../stores/knowledge/knowledge-records.js";

/** Separators from the coarsest to the finest: paragraphs, lines, sentences, words. */
const RECURSIVE_SEPARATORS = [/\n{2,}/, /\n/, /(?<=[.!?])\s+/, /\s+/];
const SENTENCE_SEPARATORS = [/(?<=[.!?])\s+|\n+/, /\s+/];

/**
 * Splits text into chunks of about `size` characters. `fixed` cuts at exact offsets; `recursive`
 * keeps paragraphs, then lines, then sentences whole where they fit; `sentence` packs sentences.
 * Each chunk after the first starts with the last `overlap` characters of the one before.
 */
export function chunkText(text: string, options: ChunkOptions): string[] {
  const clean = text.trim();
  if (!clean) return [];
  const overlap = Math.min(Math.max(0, options.overlap), Math.floor(options.size / 2));
  if (options.strategy === "fixed") return fixedChunks(clean, options.size, overlap);
  const separators = options.strategy === "sentence" ? SENTENCE_SEPARATORS : RECURSIVE_SEPARATORS;
  const pieces = splitToFit(clean, options.size - overlap, separators);
  return pack(pieces, options.size - overlap, overlap);
}

function fixedChunks(text: string, size: number, overlap: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size - overlap) {
    chunks.push(text.slice(start, start + size));
    if (start + size >= text.length) break;
  }
  return chunks;
}

/** Breaks text into pieces no longer than `limit`, using the coarsest separator that works. */
function splitToFit(text: string, limit: number, separators: readonly RegExp[]): string[] {
  if (text.length <= limit) return [text];
  const [separator, ...finer] = separators;
  if (!separator) return fixedChunks(text, limit, 0);
  const parts = text.split(separator).filter((part) => part.trim() !== "");
  if (parts.length <= 1) return splitToFit(text, limit, finer);
  return parts.flatMap((part) => splitToFit(part.trim(), limit, finer));
}

/** Joins neighbouring pieces up to the limit, then prefixes each chunk with the previous one's tail. */
function pack(pieces: readonly string[], limit: number, overlap: number): string[] {
  const packed: string[] = [];
  let current = "";
  for (const piece of pieces) {
    if (current && current.length + 1 + piece.length > limit) {
      packed.push(current);
      current = piece;
    } else {
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) packed.push(current);
  if (overlap === 0) return packed;
  return packed.map((chunk, index) => {
    if (index === 0) return chunk;
    const previous = packed[index - 1] ?? "";
    return `${tail(previous, overlap)} ${chunk}`;
  });
}

/** The last `length` characters, starting at a word boundary when there is one. */
function tail(text: string, length: number): string {
  const cut = text.slice(-length);
  const space = cut.indexOf(" ");
  return space > 0 && space < cut.length / 2 ? cut.slice(space + 1) : cut;
}
