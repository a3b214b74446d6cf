// The measurements of a run, each split into short slices that alternate direct and through the
// gateway, so that changes in the machine's load touch both sides alike, and each slice is
// repeated by the QuietGate when other work disturbed it.
import { Pool } from "undici";
import { chatRequestBody } from "./chat-request-body.mjs";
import { measureFirstByte } from "./measure-first-byte.mjs";
import { measureFixedRate } from "./measure-fixed-rate.mjs";
import { measureSlowStreams } from "./measure-slow-streams.mjs";
import { measureThroughput } from "./measure-throughput.mjs";
import { summarizeLatencies } from "./summarize-latencies.mjs";
import { warmUntilSteady } from "./warm-up.mjs";

/** Model names: the mock reads the pacing from its model; the gateway maps virtual models onto them. */
const MODELS = {
  direct: { plain: "bench-model", first: "first-5" },
  proxy: { plain: "bench-model", first: "first-5" },
  relay: { plain: "bench-model", first: "first-5" },
  gateway: { plain: "bench", first: "bench-first", slow: "bench-slow" },
};
const MODES = [
  ["nonStreaming", false],
  ["streaming", true],
];
/** Every phase but the slow streams also times the minimal proxy: the floor for one more Node process in the path. */
const SIDES = ["direct", "proxy", "gateway"];
/** The latency phases also time the TCP relay (tcp-relay.mjs) when the machine has one. */
const latencySides = (targets) => (targets.relay ? ["direct", "relay", "proxy", "gateway"] : SIDES);
/** Where each side's own process is in the QuietGate's list (gateway, mock, proxy, load generator). */
const CPU_INDEX = { gateway: 0, proxy: 2 };

/**
 * Brings the minimal proxy and the gateway to their steady cost in both modes before anything is
 * recorded (warm-up.mjs). Returns, per side and mode, how long that took and the cost it settled at.
 */
export async function warmUp({ proxy, gateway }, plan) {
  const warmed = {};
  for (const [side, target] of [
    ["proxy", proxy],
    ["gateway", gateway],
  ]) {
    warmed[side] = {};
    for (const [mode, stream] of MODES) {
      const body = chatRequestBody(MODELS[side].plain, stream);
      warmed[side][mode] = await warmUntilSteady({
        url: target.url,
        pid: target.pid,
        body,
        connections: plan.connections,
        plan: plan.warmUp,
      });
    }
  }
  return warmed;
}

/** Requests/s at a fixed number of connections, and the gateway's (and the proxy's) CPU time per request. */
export async function throughputPhase({ targets, gate, plan }) {
  const throughput = { connections: plan.connections, seconds: plan.throughputSlices * plan.throughputSliceSeconds };
  for (const [mode, stream] of MODES) {
    const totals = Object.fromEntries(SIDES.map((side) => [side, { requests: 0, seconds: 0, failures: 0, cpuMs: 0 }]));
    for (let slice = 0; slice < plan.throughputSlices; slice++) {
      for (const side of SIDES) {
        const body = chatRequestBody(MODELS[side].plain, stream);
        const { result, cpu } = await gate.run(`throughput ${mode}`, () =>
          measureThroughput({
            url: targets[side],
            body,
            connections: plan.connections,
            durationSeconds: plan.throughputSliceSeconds,
          }),
        );
        const total = totals[side];
        total.requests += result.requests;
        total.seconds += result.seconds;
        total.failures += result.failures;
        if (side in CPU_INDEX) total.cpuMs += cpu.perProcessMs[CPU_INDEX[side]];
      }
    }
    throughput[mode] = Object.fromEntries(
      SIDES.map((side) => {
        const total = totals[side];
        return [
          side,
          {
            requestsPerSecond: total.requests / total.seconds,
            requests: total.requests,
            failures: total.failures,
            cpuPerRequestUs: side in CPU_INDEX ? (1000 * total.cpuMs) / total.requests : undefined,
          },
        ];
      }),
    );
  }
  return throughput;
}

/** Latency percentiles at a fixed request rate (open loop), direct and through the gateway. */
export async function fixedRatePhase({ targets, gate, plan }) {
  const sides = latencySides(targets);
  const pools = Object.fromEntries(sides.map((side) => [side, new Pool(targets[side], { connections: 64 })]));
  const fixedRate = {
    rate: plan.rate,
    rounds: plan.rateRounds,
    roundSeconds: plan.rateRoundSeconds,
    warmUpRounds: plan.rateWarmUpRounds,
  };
  for (const [mode, stream] of MODES) {
    const latencies = Object.fromEntries(sides.map((side) => [side, []]));
    const gatewayOwnTimes = [];
    let failures = 0;
    const unrecordedRound = async (durationMs) => {
      for (const side of sides) {
        const body = chatRequestBody(MODELS[side].plain, stream);
        await measureFixedRate({ pool: pools[side], body, rate: plan.rate, durationMs });
      }
    };
    // A thrown-away second per side: the load generator's own code and the pools' connections
    // warm up here, or the first side timed (direct) would pay for them in its p99.
    await unrecordedRound(1000);
    // Then rounds as below, not recorded. After the throughput phase every side spends its first
    // seconds at this rate well above where it settles (V8 still optimises the code paths of a
    // slow, idle-between-requests load): p50 up to 0.5 ms and p99 up to 5 ms higher, for the
    // minimal proxy as for the gateway, fading over about 8 s. The rounds measure what a running
    // process costs at this rate, not that transition.
    for (let round = 0; round < plan.rateWarmUpRounds; round++) await unrecordedRound(plan.rateRoundSeconds * 1000);
    for (let round = 0; round < plan.rateRounds; round++) {
      for (const side of sides) {
        const { result } = await gate.run(`fixed rate ${mode}`, () =>
          measureFixedRate({
            pool: pools[side],
            body: chatRequestBody(MODELS[side].plain, stream),
            rate: plan.rate,
            durationMs: plan.rateRoundSeconds * 1000,
          }),
        );
        latencies[side].push(...result.latencies);
        if (side === "gateway") gatewayOwnTimes.push(...result.ownTimes);
        failures += result.failures;
      }
    }
    fixedRate[mode] = {
      ...Object.fromEntries(sides.map((side) => [side, summarizeLatencies(latencies[side])])),
      gatewayOwn: summarizeLatencies(gatewayOwnTimes),
      failures,
    };
  }
  await Promise.all(Object.values(pools).map((pool) => pool.close()));
  return fixedRate;
}

/** Time to the first body byte of a stream, direct and through the gateway. */
export async function firstBytePhase({ targets, gate, plan }) {
  const sides = latencySides(targets);
  const pools = Object.fromEntries(sides.map((side) => [side, new Pool(targets[side], { connections: 4 })]));
  const times = Object.fromEntries(sides.map((side) => [side, []]));
  let failures = 0;
  for (let block = 0; block < plan.firstByteBlocks; block++) {
    const { result } = await gate.run("first byte", () =>
      measureFirstByte({
        sides: sides.map((side) => ({
          side,
          pool: pools[side],
          body: chatRequestBody(MODELS[side].first, true),
        })),
        count: plan.firstByteBlockStreams,
      }),
    );
    for (const side of sides) times[side].push(...result.times[side]);
    failures += result.failures;
  }
  await Promise.all(Object.values(pools).map((pool) => pool.close()));
  return {
    ...Object.fromEntries(sides.map((side) => [side, summarizeLatencies(times[side])])),
    failures,
  };
}

/** Peak memory of a gateway holding many slow streams at once (not repeated: memory hardly depends on load). */
export async function slowStreamsPhase({ gateway, gate, plan }) {
  const { result } = await gate.run(
    "slow streams",
    () =>
      measureSlowStreams({
        url: gateway.url,
        pid: gateway.pid,
        body: chatRequestBody(MODELS.gateway.slow, true),
        count: plan.slowStreams,
      }),
    1,
  );
  return result;
}
