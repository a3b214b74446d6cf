import type { Redis } from "ioredis";
import type { PurgeSelector } from "./cache-store.js";
import { MemorySemanticStore } from "./memory-semantic-store.js";
import { deleteMatching, escapeGlob } from "./redis-cache-store.js";
import { decodeSemanticEntry, encodeSemanticEntry } from "./semantic-entry-codec.js";
import type { SemanticEntry, SemanticMatch, SemanticStore } from "./semantic-store.js";

/** Changes kept in the stream for instances that were briefly away. */
const STREAM_LENGTH = 100_000;
const READ_BLOCK_MS = 1_000;

interface RedisSemanticOptions {
  prefix: string;
  maxEntries: number;
  onError(message: string, error: unknown): void;
}

/**
 * Semantic entries shared through Redis: each entry is a key with a TTL (loaded at start), and
 * every change is appended to a Redis Stream that each instance reads from the last id it saw,
 * so its local vector index learns another instance's entries within a blocking read.
 */
export class RedisSemanticStore implements SemanticStore {
  private readonly local: MemorySemanticStore;
  private readonly reader: Redis;
  private readonly streamKey: string;
  private lastId = "0-0";
  private closed = false;
  private following: Promise<void> = Promise.resolve();

  private constructor(
    private readonly redis: Redis,
    private readonly options: RedisSemanticOptions,
  ) {
    this.local = new MemorySemanticStore(options.maxEntries);
    this.reader = redis.duplicate();
    this.streamKey = `${options.prefix}semantic-changes`;
  }

  /** Loads the shared entries, then follows the change stream from the point the load began. */
  static async open(redis: Redis, options: RedisSemanticOptions): Promise<RedisSemanticStore> {
    const store = new RedisSemanticStore(redis, options);
    const newest = await redis.xrevrange(store.streamKey, "+", "-", "COUNT", 1);
    store.lastId = newest[0]?.[0] ?? "0-0";
    await store.loadEntries();
    store.following = store.follow();
    return store;
  }

  nearest(indexNamespace: string, vector: Float32Array): SemanticMatch | undefined {
    return this.local.nearest(indexNamespace, vector);
  }

  async add(entry: SemanticEntry): Promise<void> {
    this.local.insert(entry);
    const encoded = encodeSemanticEntry(entry);
    const ttlMs = Math.max(1, entry.expiresAt - Date.now());
    await this.redis
      .multi()
      .set(this.entryKey(entry.cacheNamespace, entry.id.toString()), encoded, "PX", ttlMs)
      .xadd(this.streamKey, "MAXLEN", "~", STREAM_LENGTH, "*", "op", "add", "entry", encoded)
      .exec();
  }

  async purge(selector: PurgeSelector): Promise<number> {
    const namespace = selector.namespace === undefined ? "*" : escapeGlob(selector.namespace);
    const key = selector.key === undefined ? "*" : escapeGlob(selector.key);
    const removed = await deleteMatching(this.redis, `${escapeGlob(this.options.prefix)}semantic:${namespace}:${key}`);
    const localRemoved = this.local.purgeLocal(selector);
    await this.redis.xadd(
      this.streamKey,
      "MAXLEN",
      "~",
      STREAM_LENGTH,
      "*",
      "op",
      "purge",
      "selector",
      JSON.stringify(selector),
    );
    return Math.max(removed, localRemoved);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reader.disconnect();
    await this.following;
    await this.local.close();
  }

  private async loadEntries(): Promise<void> {
    const loaded: SemanticEntry[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await this.redis.scan(
        cursor,
        "MATCH",
        `${escapeGlob(this.options.prefix)}semantic:*`,
        "COUNT",
        1000,
      );
      cursor = next;
      if (keys.length === 0) continue;
      for (const text of await this.redis.mget(...keys)) {
        if (!text) continue;
        try {
          loaded.push(decodeSemanticEntry(text));
        } catch (error) {
          this.options.onError("unreadable semantic cache entry skipped", error);
        }
      }
    } while (cursor !== "0");
    this.local.insertMany(loaded);
  }

  private async follow(): Promise<void> {
    while (!this.closed) {
      try {
        const result = await this.reader.xread(
          "COUNT",
          500,
          "BLOCK",
          READ_BLOCK_MS,
          "STREAMS",
          this.streamKey,
          this.lastId,
        );
        for (const [, messages] of result ?? []) {
          for (const [id, fields] of messages) {
            this.lastId = id;
            this.apply(fields);
          }
        }
      } catch (error) {
        if (this.closed) return;
        this.options.onError("semantic cache change stream failed; retrying", error);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private apply(fields: string[]): void {
    const values = new Map<string, string>();
    for (let index = 0; index + 1 < fields.length; index += 2) values.set(fields[index] ?? "", fields[index + 1] ?? "");
    try {
      const entry = values.get("entry");
      const selector = values.get("selector");
      if (values.get("op") === "add" && entry) this.local.insert(decodeSemanticEntry(entry));
      else if (values.get("op") === "purge" && selector) this.local.purgeLocal(JSON.parse(selector) as PurgeSelector);
    } catch (error) {
      this.options.onError("unreadable semantic cache change skipped", error);
    }
  }

  private entryKey(cacheNamespace: string, id: string): string {
    return `${this.options.prefix}semantic:${cacheNamespace}:${id}`;
  }
}
