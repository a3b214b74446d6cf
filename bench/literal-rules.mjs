// `node bench/literal-rules.mjs [CASE...]`: what the request path's object-literal rules
// (DEVELOPERS.md, "The request path") buy on the Node that runs it. Each case runs in a child
// process of its own (the same node binary, with the gateway's `--max-semi-space-size=4` and
// `--expose-gc`), so no case inherits another's compiled code or heap. For each case:
//   - ns/op: 5 timed repetitions of about 150 ms each after a warm-up (median, min–max);
//   - young B/op: what one op allocates in the young generation (batches of ops without a
//     scavenge in between, read from v8.getHeapSpaceStatistics);
//   - old B/op: what it allocates straight in the old generation the same way;
//   - promoted B/op: old-generation growth over about 40 MB of young allocation after a full
//     collection, i.e. what scavenges kept alive and moved to the old generation (plus the old
//     B/op), with the scavenges counted by a PerformanceObserver.
// Every op builds fresh inputs (headers, an exchange holding a ~300-byte array, a request body)
// and keeps its result in a 16-slot ring, as a request keeps its objects for a short while.
// Bounded: about 2 s per case, under 30 s in all. Figures move by 10–20% on a shared machine;
// the promoted bytes are the steady part.
import { execFileSync } from "node:child_process";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { z } from "zod";

const RING = new Array(16).fill(null);
let slot = 0;
const keep = (value) => {
  RING[slot] = value;
  slot = (slot + 1) & 15;
};

const freshHeaders = (i) => ({
  "content-type": "application/json",
  "cache-control": "no-store",
  "x-request-id": `req-${i}`,
  "x-switchyard-route": "chat",
  "x-switchyard-provider": "openai",
  "server-timing": "gateway;dur=0.1",
});
const freshExchange = (i) => ({ id: `req-${i}`, body: new Array(32).fill(i) });

class ExchangeContext {
  constructor(exchange) {
    this.exchange = exchange;
    this.id = exchange.id;
  }
  get body() {
    return this.exchange.body;
  }
}

const message = z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() });
const requestSchema = z.compile(
  z.object({
    model: z.string(),
    messages: z.array(message).min(1),
    stream: z.boolean().optional(),
    max_tokens: z.number().int().positive().optional(),
  }),
  { strict: true },
);
const ROLES = new Set(["system", "user", "assistant"]);
/** The same rules as requestSchema, by hand: the body, or a problem. */
function handCheck(body) {
  if (typeof body !== "object" || body === null) return { problem: "body" };
  if (typeof body.model !== "string") return { problem: "model" };
  const { messages } = body;
  if (!Array.isArray(messages) || messages.length === 0) return { problem: "messages" };
  for (const entry of messages) {
    if (typeof entry !== "object" || entry === null || !ROLES.has(entry.role) || typeof entry.content !== "string") {
      return { problem: "messages" };
    }
  }
  if (body.stream !== undefined && typeof body.stream !== "boolean") return { problem: "stream" };
  const max = body.max_tokens;
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) return { problem: "max_tokens" };
  return body;
}
const goodBody = (i) => ({ model: "gpt-4o-mini", messages: [{ role: "user", content: `hello ${i}` }] });
const badBody = (i) => ({ messages: [{ role: "user", content: `hello ${i}` }] });

/** Each case: one op, building its inputs and keeping its result. */
const CASES = {
  "headers: { ...a, x, y }": (i) => {
    const a = freshHeaders(i);
    keep({ ...a, "content-length": String(i), "x-body": freshExchange(i).body });
  },
  "headers: Object.assign({}, a, { x, y })": (i) => {
    const a = freshHeaders(i);
    keep(Object.assign({}, a, { "content-length": String(i), "x-body": freshExchange(i).body }));
  },
  "headers: { ...a } (spread alone)": (i) => {
    const a = freshHeaders(i);
    freshExchange(i);
    keep({ ...a });
  },
  "headers: { x, y, ...a } (spread last)": (i) => {
    const a = freshHeaders(i);
    keep({ "content-length": String(i), "x-body": freshExchange(i).body, ...a });
  },
  "headers: explicit literal of the fields": (i) => {
    const a = freshHeaders(i);
    keep({
      "content-type": a["content-type"],
      "cache-control": a["cache-control"],
      "x-request-id": a["x-request-id"],
      "x-switchyard-route": a["x-switchyard-route"],
      "x-switchyard-provider": a["x-switchyard-provider"],
      "server-timing": a["server-timing"],
      "content-length": String(i),
      "x-body": freshExchange(i).body,
    });
  },
  "context: { id, get body() }": (i) => {
    const exchange = freshExchange(i);
    keep({
      id: exchange.id,
      get body() {
        return exchange.body;
      },
    });
  },
  "context: { id, body } (plain property)": (i) => {
    const exchange = freshExchange(i);
    keep({ id: exchange.id, body: exchange.body });
  },
  "context: class with a getter": (i) => keep(new ExchangeContext(freshExchange(i))),
  "zod: safeParse, valid": (i) => {
    const result = requestSchema.safeParse(goodBody(i));
    keep(result.success ? result.data : { problem: result.error.issues[0].message });
  },
  "zod: safeParse, invalid": (i) => {
    const result = requestSchema.safeParse(badBody(i));
    keep(result.success ? result.data : { problem: result.error.issues[0].message });
  },
  "zod: parse in a try, invalid": (i) => {
    try {
      keep(requestSchema.parse(badBody(i)));
    } catch (error) {
      keep({ problem: error.issues[0].message });
    }
  },
  "hand check, valid": (i) => keep(handCheck(goodBody(i))),
  "hand check, invalid": (i) => keep(handCheck(badBody(i))),
};

function oldUsed() {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (space.space_name !== "new_space") used += space.space_used_size;
  return used;
}
const newUsed = () => getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_used_size;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Median bytes per op in the young and the old generation, from batches that saw no scavenge. */
function allocation(op, start) {
  const batch = 400;
  const measureBatch = (count, base) => {
    const young = newUsed();
    const old = oldUsed();
    for (let i = 0; i < count; i++) op(base + i);
    return { young: newUsed() - young, old: oldUsed() - old };
  };
  const empty = [];
  const full = [];
  for (let attempt = 0; attempt < 60 && full.length < 15; attempt++) {
    const none = measureBatch(0, 0);
    const some = measureBatch(batch, start + attempt * batch);
    if (none.young >= 0) empty.push(none);
    if (some.young >= 0) full.push(some);
  }
  const youngOverhead = median(empty.map((entry) => entry.young));
  const oldOverhead = median(empty.map((entry) => entry.old));
  return {
    young: (median(full.map((entry) => entry.young)) - youngOverhead) / batch,
    old: (median(full.map((entry) => entry.old)) - oldOverhead) / batch,
  };
}

async function runCase(name) {
  const op = CASES[name];
  let i = 0;
  // Warm-up, which also finds how many ops take about 150 ms.
  const warmStart = performance.now();
  while (performance.now() - warmStart < 400) for (let n = 0; n < 1000; n++) op(i++);
  const perMs = i / (performance.now() - warmStart);
  const count = Math.max(1000, Math.round(perMs * 150));
  const times = [];
  for (let rep = 0; rep < 5; rep++) {
    const started = process.hrtime.bigint();
    for (let n = 0; n < count; n++) op(i++);
    times.push(Number(process.hrtime.bigint() - started) / count);
  }
  const bytes = allocation(op, i);
  i += 60 * 400;
  // Promotion: after a full collection, about 40 MB of young allocation.
  const ops = Math.min(2_000_000, Math.max(20_000, Math.round(40e6 / Math.max(1, bytes.young))));
  const gcs = { minor: 0, minorMs: 0, major: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        gcs.minor++;
        gcs.minorMs += entry.duration;
      } else gcs.major++;
    }
  });
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.observe({ entryTypes: ["gc"] });
  const before = oldUsed();
  for (let n = 0; n < ops; n++) op(i++);
  const promoted = (oldUsed() - before) / ops;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  process.stdout.write(
    `${JSON.stringify({
      name,
      nsMedian: median(times),
      nsMin: Math.min(...times),
      nsMax: Math.max(...times),
      young: bytes.young,
      old: bytes.old,
      promoted,
      scavengesPer100k: (gcs.minor * 100_000) / ops,
      scavengeMs: gcs.minor ? gcs.minorMs / gcs.minor : 0,
      majors: gcs.major,
      ring: RING.length,
    })}\n`,
  );
}

const childIndex = process.argv.indexOf("--case");
if (childIndex !== -1) {
  await runCase(process.argv[childIndex + 1]);
} else {
  const chosen = process.argv.slice(2);
  const names =
    chosen.length > 0 ? Object.keys(CASES).filter((name) => chosen.some((c) => name.includes(c))) : Object.keys(CASES);
  const started = performance.now();
  process.stdout.write(`Node ${process.version} (V8 ${process.versions.v8}), --max-semi-space-size=4\n\n`);
  process.stdout.write(
    "| case | ns/op median (min–max of 5) | young B/op | old B/op | promoted B/op | scavenges per 100k ops | ms per scavenge |\n| --- | --- | --- | --- | --- | --- | --- |\n",
  );
  for (const name of names) {
    const output = execFileSync(
      process.execPath,
      ["--expose-gc", "--max-semi-space-size=4", import.meta.filename, "--case", name],
      { encoding: "utf8" },
    );
    const r = JSON.parse(output.trim().split("\n").at(-1));
    const majors = r.majors ? ` (${r.majors} full GC)` : "";
    process.stdout.write(
      `| ${r.name} | ${r.nsMedian.toFixed(0)} (${r.nsMin.toFixed(0)}–${r.nsMax.toFixed(0)}) | ${r.young.toFixed(0)} | ${r.old.toFixed(0)} | ${r.promoted.toFixed(0)}${majors} | ${r.scavengesPer100k.toFixed(1)} | ${r.scavengeMs.toFixed(2)} |\n`,
    );
  }
  process.stdout.write(`\n${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
