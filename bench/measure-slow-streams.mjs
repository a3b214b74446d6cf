// Memory under many long-lived streams: `count` slow streams at once through the gateway,
// sampling its resident memory while they run.
import { writeFileSync } from "node:fs";
import { Pool } from "undici";
import { JSON_HEADERS } from "./chat-request-body.mjs";
import { readMemory } from "./proc-stats.mjs";

const SAMPLE_MS = 50;

/** Resets the kernel's peak-RSS mark (VmHWM) so the peak read later belongs to this phase only. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

async function oneStream(pool, body, state) {
  try {
    const response = await pool.request({ path: "/v1/chat/completions", method: "POST", headers: JSON_HEADERS, body });
    let text = "";
    let open = false;
    for await (const part of response.body) {
      if (!open) {
        open = true;
        state.open++;
        state.maxOpen = Math.max(state.maxOpen, state.open);
      }
      text += part;
    }
    if (open) state.open--;
    if (response.statusCode === 200 && text.endsWith("data: [DONE]\n\n")) state.complete++;
    else state.failures++;
  } catch {
    state.failures++;
  }
}

export async function measureSlowStreams({ url, pid, body, count }) {
  const pool = new Pool(url, { connections: count + 16, headersTimeout: 60_000, bodyTimeout: 60_000 });
  const before = readMemory(pid);
  const peakReset = resetPeak(pid);
  const state = { open: 0, maxOpen: 0, complete: 0, failures: 0 };
  let sampledPeakMB = before?.rssMB ?? Number.NaN;
  const sampler = setInterval(() => {
    const memory = readMemory(pid);
    if (memory) sampledPeakMB = Math.max(sampledPeakMB, memory.rssMB);
  }, SAMPLE_MS);
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, () => oneStream(pool, body, state)));
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  await pool.close();
  const after = readMemory(pid);
  return {
    count,
    complete: state.complete,
    failures: state.failures,
    maxOpen: state.maxOpen,
    wallMs,
    rssBeforeMB: before?.rssMB,
    sampledPeakMB,
    // VmHWM is exact but covers the process's whole life unless the reset worked.
    peakMB: peakReset && after ? Math.max(after.peakMB, sampledPeakMB) : sampledPeakMB,
    peakSource: peakReset ? "VmHWM (reset before the phase)" : `VmRSS sampled every ${SAMPLE_MS} ms`,
  };
}
