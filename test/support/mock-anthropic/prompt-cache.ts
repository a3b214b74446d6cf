// Prompt caching as the API reports it: the prompt up to the last cache_control breakpoint
// (tools, then system, then messages) is written on first sight and read on the next request
// with the same prefix. The real minimum cacheable length (1024+ tokens) is ignored here.
import { blocksOf, blockWords, countWords, isJsonObject, type JsonObject, objectsIn, stringField } from "./wire.js";

export interface InputUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

interface Segment {
  words: number;
  /** The block as sent; part of the cache key. */
  value: unknown;
  cacheControl?: JsonObject;
}

function segmentsOf(body: JsonObject): Segment[] {
  const segment = (value: JsonObject, words: number): Segment => {
    const cacheControl = value["cache_control"];
    return isJsonObject(cacheControl) ? { words, value, cacheControl } : { words, value };
  };
  const tools = objectsIn(body["tools"]).map((tool) =>
    segment(tool, countWords(`${stringField(tool, "name") ?? ""} ${stringField(tool, "description") ?? ""}`)),
  );
  const system = blocksOf(body["system"] ?? []).map((block) => segment(block, blockWords(block)));
  const messages = objectsIn(body["messages"]).flatMap((message) =>
    blocksOf(message["content"]).map((block) => segment({ role: message["role"], ...block }, blockWords(block))),
  );
  const all = [...tools, ...system, ...messages];
  // Automatic caching (top-level cache_control) puts the breakpoint on the last block.
  const last = all.at(-1);
  if (isJsonObject(body["cache_control"]) && last) last.cacheControl = body["cache_control"];
  return all;
}

export class PromptCache {
  private readonly prefixes = new Set<string>();

  /** The input side of `usage` for this request; remembers its cacheable prefix. */
  usageFor(body: JsonObject): InputUsage {
    const segments = segmentsOf(body);
    const total = segments.reduce((sum, segment) => sum + segment.words, 0);
    const breakpoint = segments.findLastIndex((segment) => segment.cacheControl !== undefined);
    const usage: InputUsage = {
      input_tokens: total,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    };
    if (breakpoint === -1) return usage;
    const prefix = segments.slice(0, breakpoint + 1);
    const cached = prefix.reduce((sum, segment) => sum + segment.words, 0);
    const key = JSON.stringify([body["model"], prefix.map((segment) => segment.value)]);
    usage.input_tokens = total - cached;
    if (this.prefixes.has(key)) {
      usage.cache_read_input_tokens = cached;
    } else {
      this.prefixes.add(key);
      usage.cache_creation_input_tokens = cached;
      const ttl =
        segments[breakpoint]?.cacheControl?.["ttl"] === "1h"
          ? "ephemeral_1h_input_tokens"
          : "ephemeral_5m_input_tokens";
      usage.cache_creation[ttl] = cached;
    }
    return usage;
  }

  /** Total input tokens without touching the cache (count_tokens). */
  countTokens(body: JsonObject): number {
    return segmentsOf(body).reduce((sum, segment) => sum + segment.words, 0);
  }

  clear(): void {
    this.prefixes.clear();
  }
}
