// The cache benchmark: `npm run build && node --expose-gc bench/cache-bench.mjs`.
//   1. exact-hit gateway time: the built gateway with the `cache` plugin, one warmed entry, N
//      sequential identical requests; the gateway's own time is read from Server-Timing gateway;dur
//   2. semantic lookup at 100,000 entries (384 dimensions, one scope), embedding excluded
//   3. memory per 100,000 entries of each store
// Prints a JSON report; figures vary ±20 % between runs on a shared 2-core machine.
import { createServer, request as httpRequest } from "node:http";
import { join, resolve } from "node:path";
import { startGateway } from "./bench-processes.mjs";

const ROOT = resolve(import.meta.dirname, "..");
const HIT_REQUESTS = Number(process.env.CACHE_BENCH_REQUESTS ?? 3000);
const ENTRIES = Number(process.env.CACHE_BENCH_ENTRIES ?? 100_000);
const DIMENSIONS = 384;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)), p99: round(percentile(sorted, 99)) };
};
const round = (value) => Math.round(value * 1000) / 1000;

function startUpstream() {
  const body = JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1_767_225_600,
    model: "gpt-4o-mini",
    choices: [
      { index: 0, message: { role: "assistant", content: "A cached answer of modest length." }, finish_reason: "stop" },
    ],
    usage: { prompt_tokens: 42, completion_tokens: 16, total_tokens: 58 },
  });
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  return new Promise((resolveStart) => server.listen(0, "127.0.0.1", () => resolveStart(server)));
}

/** The built gateway with the `cache` plugin in front of the local upstream, not pinned. */
async function startCacheGateway(upstreamPort) {
  const gateway = await startGateway(
    undefined,
    { pinned: false, niceness: 0 },
    {
      config: (directory) => ({
        storage: { url: `sqlite://${join(directory, "gateway.db")}` },
        logging: { level: "warn" },
        providers: { upstream: { type: "openai", baseUrl: `http://127.0.0.1:${upstreamPort}/v1`, apiKey: "bench" } },
        plugins: [{ use: "cache", with: { backend: "memory" } }],
      }),
    },
  );
  return { ...gateway, url: new URL(gateway.url) };
}

function post(url, body, agent) {
  return new Promise((resolvePost, reject) => {
    const started = performance.now();
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: "/v1/chat/completions",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolvePost({
            status: response.headers["x-switchyard-cache"],
            gatewayMs: Number(/gateway;dur=([\d.]+)/.exec(response.headers["server-timing"] ?? "")?.[1]),
            totalMs: performance.now() - started,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function benchExactHits() {
  const upstream = await startUpstream();
  const gateway = await startCacheGateway(upstream.address().port);
  const { Agent } = await import("node:http");
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify({
    model: "upstream/gpt-4o-mini",
    messages: [
      { role: "system", content: "You are a helpful assistant. Answer briefly." },
      { role: "user", content: "What does an AI gateway do, in one sentence?" },
    ],
    temperature: 0,
  });
  try {
    const first = await post(gateway.url, body, agent);
    if (first.status !== "miss") throw new Error(`expected a miss first, got ${first.status}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    for (let index = 0; index < 300; index++) await post(gateway.url, body, agent);
    const gatewayMs = [];
    const totalMs = [];
    for (let index = 0; index < HIT_REQUESTS; index++) {
      const result = await post(gateway.url, body, agent);
      if (result.status !== "hit") throw new Error(`expected a hit, got ${result.status}`);
      gatewayMs.push(result.gatewayMs);
      totalMs.push(result.totalMs);
    }
    return { requests: HIT_REQUESTS, gatewayMs: summary(gatewayMs), clientRoundTripMs: summary(totalMs) };
  } finally {
    agent.destroy();
    await gateway.stop();
    upstream.close();
  }
}

function randomUnitVector(random) {
  const vector = new Float32Array(DIMENSIONS);
  let norm = 0;
  for (let index = 0; index < DIMENSIONS; index++) {
    vector[index] = random() - 0.5;
    norm += vector[index] * vector[index];
  }
  norm = Math.sqrt(norm);
  for (let index = 0; index < DIMENSIONS; index++) vector[index] /= norm;
  return vector;
}

function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const settleMemory = () => {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed + usage.external + usage.arrayBuffers };
};
const megabytes = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function benchSemantic() {
  const { MemorySemanticStore } = await import(join(ROOT, "dist/stores/cache/memory-semantic-store.js"));
  const random = seededRandom(42);
  const value = JSON.stringify({
    id: "chatcmpl-x",
    model: "gpt-4o-mini",
    created: 1,
    choices: [
      {
        index: 0,
        content: [{ type: "text", text: "A cached answer of modest length." }],
        finishReason: { unified: "stop", raw: "stop" },
      },
    ],
  });
  const before = settleMemory();
  const store = new MemorySemanticStore(ENTRIES + 1);
  const namespace = "openai/text-embedding-3-small\nanonymous\nscope";
  const buildStarted = performance.now();
  for (let id = 0; id < ENTRIES; id++) {
    await store.add({
      id: BigInt(id),
      cacheNamespace: "anonymous",
      indexNamespace: namespace,
      vector: randomUnitVector(random),
      value,
      expiresAt: Date.now() + 3_600_000,
    });
  }
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  const after = settleMemory();
  if (store.size !== ENTRIES) throw new Error(`expected ${ENTRIES} entries, have ${store.size}`);
  const lookups = [];
  // CPU time as well as wall time: on a shared machine the wall time includes waiting for a core.
  const lookupCpu = [];
  for (let index = 0; index < 2000; index++) {
    const query = randomUnitVector(random);
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    store.nearest(namespace, query);
    lookups.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    lookupCpu.push((cpu.user + cpu.system) / 1000);
  }
  await store.close();
  // What an instance on Redis pays at start for the index (Redis I/O aside): one batched load.
  const entries = Array.from({ length: ENTRIES }, (_, id) => ({
    id: BigInt(id),
    cacheNamespace: "anonymous",
    indexNamespace: namespace,
    vector: randomUnitVector(random),
    value,
    expiresAt: Date.now() + 3_600_000,
  }));
  const loaded = new MemorySemanticStore(ENTRIES + 1);
  const loadStarted = performance.now();
  loaded.insertMany(entries);
  const bulkLoadSeconds = (performance.now() - loadStarted) / 1000;
  await loaded.close();
  return {
    bulkLoadSeconds: round(bulkLoadSeconds),
    entries: ENTRIES,
    dimensions: DIMENSIONS,
    buildSeconds: round(buildSeconds),
    lookupMs: summary(lookups),
    lookupCpuMs: summary(lookupCpu),
    memoryPerEntriesMb: { rss: megabytes(after.rss - before.rss), heapAndBuffers: megabytes(after.heap - before.heap) },
  };
}

async function benchExactMemory() {
  const { MemoryCacheStore } = await import(join(ROOT, "dist/stores/cache/memory-cache-store.js"));
  const value = JSON.stringify({
    id: "chatcmpl-x",
    model: "gpt-4o-mini",
    created: 1,
    choices: [
      {
        index: 0,
        content: [
          {
            type: "text",
            text: "A cached answer of modest length, about two hundred characters long, which is typical of a short reply to a short question in a chat application.",
          },
        ],
        finishReason: { unified: "stop", raw: "stop" },
      },
    ],
    usage: { inputTokens: 42, outputTokens: 16, totalTokens: 58 },
  });
  const before = settleMemory();
  const store = new MemoryCacheStore({ maxEntries: ENTRIES, maxBytes: 10 * 1024 ** 3 });
  for (let id = 0; id < ENTRIES; id++)
    await store.set("anonymous", `key-${id}-${"x".repeat(32)}`, `${value}${id}`, 3600);
  const after = settleMemory();
  // Read the store after measuring, so it is still alive when memory is measured.
  return {
    entries: store.size,
    valueBytes: value.length,
    memoryMb: { rss: megabytes(after.rss - before.rss), heapAndBuffers: megabytes(after.heap - before.heap) },
  };
}

// CACHE_BENCH_ONLY=exact|semantic runs one part.
const only = process.env.CACHE_BENCH_ONLY;
const report = {
  ...(only === "semantic" ? {} : { exactHit: await benchExactHits(), exactMemory: await benchExactMemory() }),
  ...(only === "exact" ? {} : { semantic: await benchSemantic() }),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
