// A stand-in for a local Ollama's native API for adapter and end-to-end tests. It speaks the wire
// format of providers.md 6.3: /api/chat streams NDJSON unless the body says "stream": false. The
// request's `model` picks the behaviour, so tests need no side channel:
//
//   ordinary model       success: "Echo: <last user text> ✓" (" [n images]" noted); a tool-call turn
//                        (whole calls with object arguments and no ids) when `tools` are given and the
//                        last message is the user's; JSON echo when `format` is set; "Echo: tool result
//                        <content> ✓" after a tool message; thinking when `think` is set;
//                        options.num_predict cuts the answer (done_reason "length")
//   mock-error-400/404/429/500/503   that HTTP error with Ollama's {"error"} body
//   mock-stream-error    stream: two lines, then an {"error"} line after HTTP 200; JSON: 500
//   mock-truncated-stream  stream: ends before the done line; JSON: a body cut in half
//   mock-garbage         JSON: 200 with a body that is not JSON; stream: a line that is not JSON
import { randomUUID } from "node:crypto";
import { ollamaChatResponse, ollamaStreamSteps } from "./mock-ollama/chat-lines.js";
import { planOllamaReply } from "./mock-ollama/chat-reply.js";
import { ollamaEmbedResponse } from "./mock-ollama/embed.js";
import * as errors from "./mock-ollama/errors.js";
import { chatRequestProblem, embedInputs } from "./mock-ollama/validate-request.js";
import { type Exchange, runStreamSteps, sendJson } from "./mock-openai/http-io.js";
import { isJsonObject, stringField } from "./mock-openai/wire.js";
import { type MockUpstream, type RecordedRequest, startRecordingServer } from "./mock-shared/recording-server.js";

export type { MockUpstream, RecordedRequest };

export interface MockOllamaOptions {
  /** When set, requests must carry this bearer key (as Ollama Cloud or an auth proxy would want). */
  apiKey?: string;
  /** Default 0 (random). */
  port?: number;
}

function startNdjson(exchange: Exchange): void {
  if (exchange.response.destroyed) return;
  exchange.response.writeHead(200, { ...exchange.responseHeaders(), "content-type": "application/x-ndjson" });
  exchange.response.flushHeaders();
}

async function respondChat(exchange: Exchange, body: Record<string, unknown>, model: string): Promise<void> {
  const invalid = chatRequestProblem(body);
  if (invalid) return sendJson(exchange, invalid.status, invalid.body);
  const reply = planOllamaReply(body, model);
  // Ollama streams unless told otherwise.
  if (body["stream"] !== false) {
    startNdjson(exchange);
    await runStreamSteps(exchange, ollamaStreamSteps(reply, model));
    return;
  }
  const text = JSON.stringify(ollamaChatResponse(reply));
  switch (model) {
    case "mock-stream-error": {
      const failure = errors.ollamaError(500, errors.RUNNER_ERROR_MESSAGE);
      return sendJson(exchange, failure.status, failure.body);
    }
    case "mock-truncated-stream":
      exchange.response.writeHead(200, { ...exchange.responseHeaders(), "content-type": "application/json" });
      exchange.response.end(text.slice(0, text.length / 2));
      return;
    case "mock-garbage":
      return sendJson(exchange, 200, "not json {");
    default:
      return sendJson(exchange, 200, text);
  }
}

async function serve(exchange: Exchange, request: RecordedRequest, apiKey: string | undefined): Promise<void> {
  const send = (reply: errors.ErrorReply) => sendJson(exchange, reply.status, reply.body, reply.headers);
  const route = `${request.method} ${request.path}`;
  if (route === "GET /api/version") return sendJson(exchange, 200, { version: "0.12.6" });
  if (route !== "POST /api/chat" && route !== "POST /api/embed") {
    // Go's mux answers unknown paths in plain text.
    exchange.response.writeHead(404, { "content-type": "text/plain" });
    exchange.response.end("404 page not found");
    return;
  }
  if (apiKey !== undefined && request.headers["authorization"] !== `Bearer ${apiKey}`)
    return send(errors.unauthorized());
  const body = request.body;
  if (!isJsonObject(body)) return send(errors.ollamaError(400, "missing request body"));
  const model = stringField(body, "model");
  if (!model) return send(errors.ollamaError(400, "model is required"));
  const scenarioError = errors.scenarioError(model);
  if (scenarioError) return send(scenarioError);
  if (route === "POST /api/chat") return respondChat(exchange, body, model);
  const inputs = embedInputs(body);
  if (!Array.isArray(inputs)) return send(inputs);
  return sendJson(exchange, 200, ollamaEmbedResponse(body, model, inputs));
}

export function startMockOllamaUpstream(options: MockOllamaOptions = {}): Promise<MockUpstream> {
  return startRecordingServer({
    name: "mock Ollama upstream",
    port: options.port,
    newRequestId: randomUUID,
    // Ollama sends no request id or rate-limit headers.
    responseHeaders: () => ({}),
    serve: (exchange, request) => serve(exchange, request, options.apiKey),
  });
}
