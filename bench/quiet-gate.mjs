// Short measurements that other work on a shared machine disturbed are run again: each run is
// metered (proc-stats), and one during which other processes used more than a set share of a
// core, or the hypervisor gave more than a set share of our cores to other machines (steal), is
// repeated, up to a number of attempts and a time budget for the whole benchmark.
import { startCpuMeter } from "./proc-stats.mjs";

export class QuietGate {
  /** Per phase name: runs kept, repeats made, and the other work seen during the kept runs. */
  phases = {};
  #spentOnRepeatsMs = 0;

  /**
   * @param currentPids returns the pids whose CPU counts as ours (the gateway's may change)
   * @param options maxOthersPercent: the most other work (% of one core) a kept run may have seen;
   *   maxStealPercent: the most hypervisor steal (% of one core) it may have seen; attempts: runs
   *   at most per measurement; repeatBudgetMs: time all repeats together may take
   */
  constructor(currentPids, options) {
    this.currentPids = currentPids;
    this.options = options;
  }

  /**
   * Runs `measure` until a quiet attempt (or the least disturbed of the allowed attempts, by other
   * work plus steal); returns { result, cpu }.
   */
  async run(phase, measure, attempts = this.options.attempts) {
    this.phases[phase] ??= { runs: 0, repeats: 0, othersPercent: [], steal: 0 };
    const record = this.phases[phase];
    let best;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const stop = startCpuMeter(this.currentPids());
      const result = await measure();
      const cpu = stop();
      if (attempt > 0) {
        record.repeats++;
        this.#spentOnRepeatsMs += cpu.wallMs;
      }
      if (!best || disturbance(cpu) < disturbance(best.cpu)) best = { result, cpu };
      const quiet =
        cpu.othersCorePercent <= this.options.maxOthersPercent && cpu.stealCorePercent <= this.options.maxStealPercent;
      if (quiet || this.#spentOnRepeatsMs >= this.options.repeatBudgetMs) break;
    }
    record.runs++;
    record.othersPercent.push(best.cpu.othersCorePercent);
    record.steal = Math.max(record.steal, best.cpu.stealCorePercent);
    return best;
  }
}

/** How much of a core other work and other machines took during a run. */
function disturbance(cpu) {
  return cpu.othersCorePercent + cpu.stealCorePercent;
}
