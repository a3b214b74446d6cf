// Linux /proc readings: a process's memory and CPU time, and how busy the whole machine was,
// so a run can tell its own CPU use apart from other work on the machine.
import { readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux.

/** VmRSS (now) and VmHWM (peak since start) in MB (10^6 bytes), or undefined off Linux. */
export function readMemory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rssMB: (kib("VmRSS") * 1024) / 1e6, peakMB: (kib("VmHWM") * 1024) / 1e6 };
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process (all its threads), in ms. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU time of the whole machine (all cores) in ms: busy, and stolen by the hypervisor. */
export function machineCpuMs() {
  try {
    const [line] = readFileSync("/proc/stat", "utf8").split("\n");
    // user nice system idle iowait irq softirq steal (guest time is already inside user).
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return { busyMs: (user + nice + system + irq + softirq) * TICK_MS, stealMs: steal * TICK_MS };
  } catch {
    return { busyMs: 0, stealMs: 0 };
  }
}

/**
 * Measures one phase: CPU time of each of our processes and of everything else on the machine.
 * `others` is the share of one core that other processes used on average during the phase,
 * `steal` the share the hypervisor gave to other machines.
 */
export function startCpuMeter(pids) {
  const started = performance.now();
  const machine = machineCpuMs();
  const ours = pids.map(processCpuMs);
  return () => {
    const wallMs = performance.now() - started;
    const perProcess = pids.map((pid, index) => processCpuMs(pid) - ours[index]);
    const oursMs = perProcess.reduce((sum, value) => sum + value, 0);
    const now = machineCpuMs();
    const othersMs = Math.max(0, now.busyMs - machine.busyMs - oursMs);
    return {
      wallMs,
      perProcessMs: perProcess,
      othersCorePercent: (100 * othersMs) / wallMs,
      stealCorePercent: (100 * (now.stealMs - machine.stealMs)) / wallMs,
    };
  };
}
