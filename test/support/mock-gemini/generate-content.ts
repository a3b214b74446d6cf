// Answers generateContent and streamGenerateContent once auth, scenario errors and validation have passed.
import { type Exchange, runStreamSteps, sendGoogleJson, sleep, startGoogleStream } from "./http.js";
import { planGeminiReply } from "./reply.js";
import { generateContentBody } from "./responses.js";
import { SCENARIO } from "./scenarios.js";
import { geminiStreamSteps, IN_STREAM_ERROR, jsonArrayStreamSteps } from "./stream.js";
import type { JsonObject } from "./wire.js";

export async function respondGenerateContent(
  exchange: Exchange,
  body: JsonObject,
  model: string,
  stream: { sse: boolean } | undefined,
): Promise<void> {
  const reply = planGeminiReply(body, model);
  if (stream) {
    startGoogleStream(exchange, stream.sse ? "text/event-stream" : "application/json; charset=UTF-8");
    await runStreamSteps(exchange, stream.sse ? geminiStreamSteps(reply, model) : jsonArrayStreamSteps(reply));
    return;
  }
  const text = `${JSON.stringify(generateContentBody(reply), null, 2)}\n`;
  switch (model) {
    case SCENARIO.garbage:
      return sendGoogleJson(exchange, 200, "not json {");
    case SCENARIO.streamError:
      return sendGoogleJson(exchange, 500, IN_STREAM_ERROR);
    case SCENARIO.truncatedStream:
      // Chunked encoding, cleanly terminated, but the JSON stops halfway.
      exchange.response.writeHead(200, {
        ...exchange.responseHeaders(),
        "content-type": "application/json; charset=UTF-8",
      });
      exchange.response.end(text.slice(0, text.length / 2));
      return;
    case SCENARIO.resetMidStream:
      exchange.response.writeHead(200, {
        ...exchange.responseHeaders(),
        "content-type": "application/json; charset=UTF-8",
      });
      exchange.response.write(text.slice(0, text.length / 2));
      if (await sleep(50, exchange.signal)) exchange.resetConnection();
      return;
    default:
      return sendGoogleJson(exchange, 200, text);
  }
}
