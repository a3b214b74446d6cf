import type { StreamChunk } from "../../src/contract/stream-event.js";

/** Reads a stream of chunks to its end. */
export async function collectChunks(chunks: AsyncIterable<StreamChunk>): Promise<StreamChunk[]> {
  const collected: StreamChunk[] = [];
  for await (const chunk of chunks) collected.push(chunk);
  return collected;
}
