import type { Redis } from "ioredis";
import type { AuthConfig } from "../../config/auth-schema.js";
import { GatewayError } from "../../contract/errors.js";
import type { CounterStore } from "../../stores/counters/counter-store.js";
import { MemoryCounterStore } from "../../stores/counters/memory-counter-store.js";
import { RedisCounterStore } from "../../stores/counters/redis-counter-store.js";
import { keyMigrations } from "../../stores/keys/key-migrations.js";
import type { VerifiedKey } from "../../stores/keys/key-records.js";
import type { KeyStore } from "../../stores/keys/key-store.js";
import { SqlKeyStore } from "../../stores/keys/sql-key-store.js";
import { runMigrations } from "../../stores/run-migrations.js";
import { sqlRunner } from "../../stores/sql-runner.js";
import type { Storage } from "../../stores/storage.js";
import type { PriceTable } from "../../telemetry/price-table.js";
import { type CachedKey, VerifiedKeyCache } from "./verified-key-cache.js";

/** What a client refused during a key-store outage is told to wait. */
const STORAGE_RETRY_AFTER_SECONDS = 2;
/** One warning per this while an outage lasts, not one per refused request. */
const OUTAGE_WARNING_INTERVAL_MS = 10_000;

export interface GatewayKeysOptions {
  auth: AuthConfig;
  storage: Storage;
  redis?: Redis;
  prices: PriceTable;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Keys, projects and counters of one runtime: the store, a short cache of verified keys, and
 * the counters. With Redis, an admin change on any instance empties every instance's cache at
 * once (pub/sub); without it each instance is the only one and empties its own.
 */
export class GatewayKeys {
  readonly store: KeyStore;
  readonly counters: CounterStore;
  private readonly cache: VerifiedKeyCache;
  private readonly channel: string;
  private lastOutageWarning = 0;

  private constructor(
    readonly options: GatewayKeysOptions,
    private readonly subscriber: Redis | undefined,
  ) {
    this.store = new SqlKeyStore(sqlRunner(options.storage));
    this.counters = options.redis
      ? new RedisCounterStore(options.redis, options.auth.counterPrefix)
      : new MemoryCounterStore();
    this.cache = new VerifiedKeyCache(options.auth.keyCacheTtlMs);
    this.channel = `${options.auth.counterPrefix}keys:changed`;
    subscriber?.on("message", (channel: string) => {
      if (channel === this.channel) this.cache.clear();
    });
  }

  static async open(options: GatewayKeysOptions): Promise<GatewayKeys> {
    await runMigrations(options.storage, "keys", keyMigrations);
    let subscriber: Redis | undefined;
    if (options.redis) {
      subscriber = options.redis.duplicate();
      await subscriber.subscribe(`${options.auth.counterPrefix}keys:changed`);
    }
    return new GatewayKeys(options, subscriber);
  }

  get auth(): AuthConfig {
    return this.options.auth;
  }

  get prices(): PriceTable {
    return this.options.prices;
  }

  /** The key with this hash, from the cache or the store; undefined when there is none. */
  async lookup(hash: string): Promise<CachedKey | undefined> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const generation = this.cache.currentGeneration();
    let found: VerifiedKey | undefined;
    try {
      found = await this.store.findByHash(hash);
    } catch (error) {
      // Keys verified before an outage keep working from the cache; a key not seen yet cannot
      // be checked, and the client is told to come back rather than that the gateway broke.
      if (Date.now() - this.lastOutageWarning > OUTAGE_WARNING_INTERVAL_MS) {
        this.lastOutageWarning = Date.now();
        this.options.warn("the key store is unreachable; keys not in the cache are refused", { err: error });
      }
      throw new GatewayError("storage_unavailable", "The gateway cannot verify keys right now; try again shortly.", {
        headers: { "retry-after": String(STORAGE_RETRY_AFTER_SECONDS) },
        cause: error,
      });
    }
    return found ? this.cache.set(hash, found, generation) : undefined;
  }

  /** After an admin change: forget cached keys here and, through Redis, on every instance. */
  async changed(): Promise<void> {
    this.cache.clear();
    if (this.options.redis) {
      await this.options.redis.publish(this.channel, "changed").catch((error: unknown) => {
        this.options.warn("could not tell other instances about a key change", { err: error });
      });
    }
  }

  async close(): Promise<void> {
    await this.subscriber?.quit().catch(() => {});
  }
}
