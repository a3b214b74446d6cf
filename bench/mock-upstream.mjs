// A deliberately cheap OpenAI-wire upstream for the benchmark: every answer is built once at
// start-up, so the mock spends almost no CPU and the figures measure the gateway, not the mock.
// Not the test mock (test/support/mock-openai-upstream.ts), which records and validates requests.
//
// The model name picks the pacing of a stream:
//   slow-<ms>   every event written <ms> apart (the slow-stream memory test)
//   first-<ms>  the role chunk and the first content chunk at once, the rest <ms> later (the
//               time-to-first-byte test; the gateway's router holds a stream until its first content)
//   anything else: the whole stream in one write.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const CREATED = 1_767_225_600;
// Ten content chunks of one or two tokens each, as real streams carry them.
const CONTENT_CHUNKS = [
  "The gateway",
  " forwards each",
  " request to",
  " the provider",
  " you configured,",
  " translating",
  " the wire",
  " format",
  " when",
  " needed.",
];
const USAGE = {
  prompt_tokens: 42,
  completion_tokens: 16,
  total_tokens: 58,
  prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
  completion_tokens_details: {
    reasoning_tokens: 0,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
};

function completion() {
  return {
    id: "chatcmpl-BenchMockCompletion0000000001",
    object: "chat.completion",
    created: CREATED,
    model: "bench-model",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: CONTENT_CHUNKS.join(""), refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: USAGE,
    service_tier: "default",
    system_fingerprint: "fp_bench0001",
  };
}

function streamEvents() {
  const chunk = (choices, usage = null) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-BenchMockCompletion0000000001",
      object: "chat.completion.chunk",
      created: CREATED,
      model: "bench-model",
      service_tier: "default",
      system_fingerprint: "fp_bench0001",
      choices,
      usage,
    })}\n\n`;
  const delta = (value, finish = null) => [{ index: 0, delta: value, logprobs: null, finish_reason: finish }];
  return [
    chunk(delta({ role: "assistant", content: "", refusal: null })),
    ...CONTENT_CHUNKS.map((content) => chunk(delta({ content }))),
    chunk(delta({}, "stop")),
    chunk([], USAGE),
    "data: [DONE]\n\n",
  ].map((event) => Buffer.from(event));
}

const COMPLETION = Buffer.from(JSON.stringify(completion()));
const EVENTS = streamEvents();
const WHOLE_STREAM = Buffer.concat(EVENTS);
const HEAD_OF_STREAM = Buffer.concat(EVENTS.slice(0, 2));
const REST_OF_STREAM = Buffer.concat(EVENTS.slice(2));
const JSON_HEADERS = {
  "content-type": "application/json",
  "content-length": String(COMPLETION.length),
  "x-request-id": "req_bench",
};
const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "x-request-id": "req_bench" };
const STREAM_PATTERN = /"stream"\s*:\s*true/;
const PACING_PATTERN = /"model"\s*:\s*"(slow|first)-(\d+)"/;

function writeStream(response, body) {
  response.writeHead(200, SSE_HEADERS);
  const pacing = PACING_PATTERN.exec(body);
  if (!pacing) {
    response.end(WHOLE_STREAM);
    return;
  }
  const delayMs = Number(pacing[2]);
  if (pacing[1] === "first") {
    response.write(HEAD_OF_STREAM);
    setTimeout(() => response.end(REST_OF_STREAM), delayMs);
    return;
  }
  let next = 0;
  const writeNext = () => {
    if (response.destroyed) return;
    const event = EVENTS[next++];
    if (next === EVENTS.length) response.end(event);
    else {
      response.write(event);
      setTimeout(writeNext, delayMs);
    }
  };
  writeNext();
}

function handle(request, response) {
  if (request.method !== "POST" || !request.url.endsWith("/chat/completions")) {
    response.writeHead(404, { "content-type": "application/json" });
    response.end('{"error":{"message":"not found","type":"invalid_request_error"}}');
    return;
  }
  const parts = [];
  request.on("data", (part) => parts.push(part));
  request.on("end", () => {
    const body = parts.length === 1 ? parts[0].toString() : Buffer.concat(parts).toString();
    if (STREAM_PATTERN.test(body)) writeStream(response, body);
    else {
      response.writeHead(200, JSON_HEADERS);
      response.end(COMPLETION);
    }
  });
}

/** Starts the mock on 127.0.0.1 (port 0 picks a free one) and resolves with the server. */
export function startMockUpstream(port = 0) {
  const server = createServer({ keepAliveTimeout: 65_000 }, handle);
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const server = await startMockUpstream(Number(process.argv[2] ?? 0));
  process.stdout.write(`mock upstream listening on http://127.0.0.1:${server.address().port}\n`);
  process.on("SIGTERM", () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
