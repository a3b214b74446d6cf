// What a few steps of a request cost with warm caches and right after the caches were flushed
// (by touching 64 MB), which is how a request finds them at a few hundred requests a second on a
// VM whose core idles between requests. Medians in µs. Run on the built tree, pinned like the
// gateway: `npm run build && taskset -c 0 node bench/cold-costs.mjs`.
import { decodeOpenAIChatRequest } from "../dist/inbound/openai-chat/decode-request.js";
import { openAIChatRequestSchema } from "../dist/inbound/openai-chat/wire-schema.js";
import { AbortScope } from "../dist/outbound/abort-scope.js";
import { setDeadline } from "../dist/outbound/deadlines.js";
import { toOpenAIChatBody } from "../dist/providers/openai/to-wire.js";
import { chatRequestBody } from "./chat-request-body.mjs";

const WARM_CALLS = 200;
const COLD_CALLS = 60;
const flushed = new Float64Array(8 * 1024 * 1024);

function flushCaches() {
  for (let index = 0; index < flushed.length; index += 8) flushed[index] += 1;
}

function median(values) {
  return values.sort((a, b) => a - b)[values.length >> 1] * 1000;
}

function measure(name, step) {
  for (let index = 0; index < 5_000; index++) step();
  const warm = [];
  for (let index = 0; index < WARM_CALLS; index++) {
    const started = performance.now();
    step();
    warm.push(performance.now() - started);
  }
  const cold = [];
  for (let index = 0; index < COLD_CALLS; index++) {
    flushCaches();
    const started = performance.now();
    step();
    cold.push(performance.now() - started);
  }
  process.stdout.write(
    `${name.padEnd(50)} warm ${median(warm).toFixed(1).padStart(5)}  cold ${median(cold).toFixed(1).padStart(5)}\n`,
  );
}

const body = chatRequestBody("bench", true);
const parsed = JSON.parse(body);
const request = decodeOpenAIChatRequest(parsed);
measure("JSON.parse of the request body", () => JSON.parse(body));
measure("zod: the chat request schema", () => openAIChatRequestSchema.safeParse(parsed));
measure("decode to the canonical request (zod included)", () => decodeOpenAIChatRequest(parsed));
measure("upstream body: toOpenAIChatBody + JSON.stringify", () =>
  JSON.stringify(toOpenAIChatBody({ ...request, stream: false }, "bench-model", {})),
);
measure("new AbortController().signal", () => new AbortController().signal);
measure("new AbortScope() with a follower", () => new AbortScope().follow(() => {}));
measure("setTimeout + clearTimeout", () => clearTimeout(setTimeout(() => {}, 120_000)));
measure("setDeadline + cancel", () => setDeadline(120_000, () => {}).cancel());
measure("new Date().toISOString()", () => new Date().toISOString());
measure("an empty function", () => undefined);
