// Closed-loop load until a process runs at its steady cost. V8 keeps compiling the hot paths for
// several seconds of load (on a slow machine the first 2-s slice cost 1.6 times the CPU per
// request of the tenth), and its compiler threads share the pinned core, so a fixed short
// warm-up measured part of the compiling on one machine and none of it on another.
import { measureThroughput } from "./measure-throughput.mjs";
import { processCpuMs } from "./proc-stats.mjs";

export const WARM_UP = { sliceSeconds: 2, minSlices: 3, maxSlices: 10, tolerance: 0.04 };

/**
 * Rounds at the fixed rate run and not recorded before the recorded ones: after closed-loop load
 * every process answers its first seconds at a slow rate well above where it settles, while V8
 * optimises for the new load (see docs/performance.md, Warm-up and compilation).
 */
export const FIXED_RATE_WARM_UP_ROUNDS = 4;

/**
 * Runs slices of closed-loop load against `url` until two slices in a row cost the process `pid`
 * the same CPU per request (within `tolerance`), at least `minSlices` and at most `maxSlices`.
 * Returns how long it took and where it settled.
 */
export async function warmUntilSteady({ url, pid, body, connections, plan = WARM_UP }) {
  const costs = [];
  while (costs.length < plan.maxSlices) {
    const cpuBefore = processCpuMs(pid);
    const { requests } = await measureThroughput({ url, body, connections, durationSeconds: plan.sliceSeconds });
    costs.push((1000 * (processCpuMs(pid) - cpuBefore)) / Math.max(1, requests));
    if (costs.length >= plan.minSlices && isSteady(costs.at(-2), costs.at(-1), plan.tolerance)) break;
  }
  return {
    seconds: costs.length * plan.sliceSeconds,
    steady: costs.length >= 2 && isSteady(costs.at(-2), costs.at(-1), plan.tolerance),
    cpuPerRequestUs: costs.at(-1),
  };
}

function isSteady(previous, last, tolerance) {
  return Math.abs(last - previous) <= tolerance * previous;
}
