import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { CounterCheck, CounterStore, ReserveResult } from "./counter-store.js";

// All checks first, then all additions: Redis runs a script without interleaving any other
// command, so concurrent admissions on several gateways cannot both take the last unit.
const RESERVE = `
local count = #KEYS
for index = 1, count do
  local used = tonumber(redis.call('GET', KEYS[index]) or '0')
  local amount = tonumber(ARGV[(index - 1) * 4 + 1])
  local limit = tonumber(ARGV[(index - 1) * 4 + 2])
  if used >= limit or used + amount > limit then
    return {0, index - 1, used, redis.call('PTTL', KEYS[index])}
  end
end
local result = {1}
for index = 1, count do
  local amount = tonumber(ARGV[(index - 1) * 4 + 1])
  local window = tonumber(ARGV[(index - 1) * 4 + 3])
  local renew = ARGV[(index - 1) * 4 + 4] == '1'
  local value = redis.call('INCRBY', KEYS[index], amount)
  local ttl = redis.call('PTTL', KEYS[index])
  if window > 0 and (ttl < 0 or renew) then
    redis.call('PEXPIRE', KEYS[index], window)
    ttl = window
  end
  result[#result + 1] = value
  result[#result + 1] = ttl
end
return result
`;

const ADJUST = `
for index = 1, #KEYS do
  if redis.call('EXISTS', KEYS[index]) == 1 then
    local value = redis.call('INCRBY', KEYS[index], ARGV[index])
    if value < 0 then redis.call('SET', KEYS[index], 0, 'KEEPTTL') end
  end
end
return 0
`;

const SCRIPTS = {
  reserve: { source: RESERVE, sha1: createHash("sha1").update(RESERVE).digest("hex") },
  adjust: { source: ADJUST, sha1: createHash("sha1").update(ADJUST).digest("hex") },
};

/** Counters shared by every gateway on one Redis; keys get the configured prefix. */
export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async reserve(checks: readonly CounterCheck[]): Promise<ReserveResult> {
    if (checks.length === 0) return { admitted: true, states: [] };
    const keys = checks.map((check) => this.prefix + check.key);
    const values = checks.flatMap((check) => [
      String(Math.round(check.amount)),
      String(check.limit),
      String(check.windowMs),
      check.renew ? "1" : "0",
    ]);
    const reply = (await this.run("reserve", keys, values)) as number[];
    if (reply[0] === 0) {
      return {
        admitted: false,
        refused: Number(reply[1]),
        state: { used: Number(reply[2]), resetMs: Number(reply[3]) },
      };
    }
    const states = checks.map((_, index) => ({
      used: Number(reply[1 + index * 2]),
      resetMs: Number(reply[2 + index * 2]),
    }));
    return { admitted: true, states };
  }

  async adjust(changes: ReadonlyArray<{ key: string; delta: number }>): Promise<void> {
    const nonZero = changes.filter((change) => Math.round(change.delta) !== 0);
    if (nonZero.length === 0) return;
    await this.run(
      "adjust",
      nonZero.map((change) => this.prefix + change.key),
      nonZero.map((change) => String(Math.round(change.delta))),
    );
  }

  /** EVALSHA, so each call sends the script's hash only; EVAL once when Redis has not seen it. */
  private async run(name: keyof typeof SCRIPTS, keys: string[], values: string[]): Promise<unknown> {
    const script = SCRIPTS[name];
    try {
      return await this.redis.evalsha(script.sha1, keys.length, ...keys, ...values);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return this.redis.eval(script.source, keys.length, ...keys, ...values);
    }
  }
}
