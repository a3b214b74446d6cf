// Answers a chat completion request, streamed or not, once auth and the shared scenarios have passed.
import { chatCompletionBody } from "./chat-completion.js";
import { planChatReply } from "./chat-reply.js";
import { chatStreamSteps } from "./chat-stream.js";
import { type ErrorReply, missingParameter, SERVER_ERROR_MESSAGE, streamOptionsWithoutStream } from "./errors.js";
import { type Exchange, runStreamSteps, sendJson, sleep, startEventStream } from "./http-io.js";
import { delayFromHeaders, SCENARIO, SLOW_STREAM_CHUNKS } from "./scenarios.js";
import type { Dialect, JsonObject } from "./wire.js";

const SLOW_STREAM_DEFAULT_DELAY_MS = 200;

/** The 400 OpenAI would give before generating anything. */
function requestProblem(body: JsonObject): ErrorReply | undefined {
  if (!Array.isArray(body["messages"])) return missingParameter("messages");
  if (body["stream"] !== true && body["stream_options"] != null) return streamOptionsWithoutStream();
  return undefined;
}

export async function respondChat(
  exchange: Exchange,
  body: JsonObject,
  model: string,
  dialect: Dialect,
): Promise<void> {
  const invalid = requestProblem(body);
  if (invalid) {
    sendJson(exchange, invalid.status, invalid.body);
    return;
  }
  const reply = planChatReply(body, model, dialect);
  const delayMs = delayFromHeaders(exchange.requestHeaders, SLOW_STREAM_DEFAULT_DELAY_MS);
  if (body["stream"] === true) {
    startEventStream(exchange);
    await runStreamSteps(exchange, chatStreamSteps(reply, model, delayMs));
    return;
  }
  const completion = JSON.stringify(chatCompletionBody(reply));
  switch (model) {
    case SCENARIO.slowStream:
      // As long as the stream would take.
      if (await sleep(delayMs * SLOW_STREAM_CHUNKS, exchange.signal)) sendJson(exchange, 200, completion);
      return;
    case SCENARIO.resetMidStream:
      exchange.response.writeHead(200, {
        ...exchange.responseHeaders(),
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(completion)),
      });
      await runStreamSteps(exchange, [
        { kind: "write", bytes: Buffer.from(completion.slice(0, completion.length / 2)) },
        { kind: "pause", ms: 50 },
        { kind: "reset" },
      ]);
      return;
    case SCENARIO.truncatedStream:
      // Chunked encoding, cleanly terminated, but the JSON stops halfway.
      exchange.response.writeHead(200, { ...exchange.responseHeaders(), "content-type": "application/json" });
      exchange.response.end(completion.slice(0, completion.length / 2));
      return;
    case SCENARIO.streamError:
    case SCENARIO.streamErrorFirst:
      sendJson(exchange, 500, {
        error: { message: SERVER_ERROR_MESSAGE, type: "server_error", param: null, code: null },
      });
      return;
    default:
      sendJson(exchange, 200, completion);
  }
}
