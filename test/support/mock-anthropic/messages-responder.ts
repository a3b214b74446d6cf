// Answers POST /v1/messages and /v1/messages/count_tokens once auth has passed.
import { type Exchange, runStreamSteps, sendJson, sleep, startEventStream } from "../mock-openai/http-io.js";
import { type ErrorReply, errorBody, OVERLOADED, scenarioError } from "./errors.js";
import { messageBody } from "./message-body.js";
import { planMessageReply } from "./message-reply.js";
import { messageStreamEvents, messageStreamSteps } from "./message-stream.js";
import type { PromptCache } from "./prompt-cache.js";
import { delayFromHeaders, SCENARIO } from "./scenarios.js";
import { validateCountTokensRequest, validateMessagesRequest } from "./validate-request.js";
import type { JsonObject } from "./wire.js";

const SLOW_STREAM_DEFAULT_DELAY_MS = 200;

export function sendError(exchange: Exchange, reply: ErrorReply): void {
  sendJson(exchange, reply.status, errorBody(reply, exchange.requestId), reply.headers);
}

export async function respondMessages(exchange: Exchange, body: JsonObject, cache: PromptCache): Promise<void> {
  const model = typeof body["model"] === "string" ? body["model"] : "";
  const failure = scenarioError(model) ?? validateMessagesRequest(body);
  if (failure) return sendError(exchange, failure);
  if (model === SCENARIO.hang) return; // The response stays open until the client gives up or the mock closes.
  const reply = planMessageReply(body, model, cache);
  const delayMs = delayFromHeaders(exchange.requestHeaders, SLOW_STREAM_DEFAULT_DELAY_MS);
  if (body["stream"] === true) {
    startEventStream(exchange);
    await runStreamSteps(exchange, messageStreamSteps(reply, model, delayMs));
    return;
  }
  const text = JSON.stringify(messageBody(reply));
  switch (model) {
    case SCENARIO.garbage:
      return sendJson(exchange, 200, "not json {");
    case SCENARIO.streamError:
      return sendError(exchange, OVERLOADED);
    case SCENARIO.truncatedStream:
      // Chunked encoding, cleanly terminated, but the JSON stops halfway.
      exchange.response.writeHead(200, { ...exchange.responseHeaders(), "content-type": "application/json" });
      exchange.response.end(text.slice(0, text.length / 2));
      return;
    case SCENARIO.slowStream:
      // As long as the stream would take.
      if (await sleep(delayMs * messageStreamEvents(reply).length, exchange.signal)) sendJson(exchange, 200, text);
      return;
    default:
      return sendJson(exchange, 200, text);
  }
}

export function respondCountTokens(exchange: Exchange, body: JsonObject, cache: PromptCache): void {
  const failure = validateCountTokensRequest(body);
  if (failure) sendError(exchange, failure);
  else sendJson(exchange, 200, { input_tokens: cache.countTokens(body) });
}
