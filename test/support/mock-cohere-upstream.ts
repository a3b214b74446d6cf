// A stand-in for api.cohere.com's v2 API for adapter and end-to-end tests. It speaks the wire format
// of providers.md 6.1 and 7. The request's `model` picks the behaviour, so tests need no side channel:
//
//   ordinary model       success: "Echo: <last user text> ✓"; a tool-call turn (tool_plan + tool_calls for
//                        up to two tools, finish TOOL_CALL) when `tools` are given and the last message is
//                        the user's; JSON echo for response_format json_object; "Echo: tool result <content> ✓"
//                        after a tool message; max_tokens cuts the answer (finish MAX_TOKENS)
//   mock-error-400/404/429/500/503   that HTTP error with Cohere's {"id","message"} body
//   mock-stream-error    stream: a few events, then message-end with finish_reason ERROR; JSON: 500
//   mock-truncated-stream  stream: ends before message-end; JSON: a body cut in half
//   mock-garbage         JSON: 200 with a body that is not JSON; stream: an event whose data is not JSON
import { randomUUID } from "node:crypto";
import { planCohereReply } from "./mock-cohere/chat-reply.js";
import { cohereChatResponse } from "./mock-cohere/chat-response.js";
import { cohereStreamSteps } from "./mock-cohere/chat-stream.js";
import { cohereEmbedResponse } from "./mock-cohere/embed.js";
import * as errors from "./mock-cohere/errors.js";
import { chatRequestProblem, embedRequestProblem } from "./mock-cohere/validate-request.js";
import { type Exchange, runStreamSteps, sendJson, startEventStream } from "./mock-openai/http-io.js";
import { isJsonObject, stringField } from "./mock-openai/wire.js";
import { type MockUpstream, type RecordedRequest, startRecordingServer } from "./mock-shared/recording-server.js";

export { encodeCohereEvent } from "./mock-cohere/chat-stream.js";
export type { MockUpstream, RecordedRequest };

export const DEFAULT_MOCK_COHERE_API_KEY = "co-mock-upstream";

export interface MockCohereOptions {
  /** Expected bearer key; default DEFAULT_MOCK_COHERE_API_KEY. */
  apiKey?: string;
  /** Default 0 (random). */
  port?: number;
}

function authError(request: RecordedRequest, apiKey: string): errors.ErrorReply | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers["authorization"] ?? "")?.[1]?.trim();
  if (!bearer) return errors.missingApiKey();
  return bearer === apiKey ? undefined : errors.invalidApiToken();
}

async function respondChat(exchange: Exchange, body: Record<string, unknown>, model: string): Promise<void> {
  const invalid = chatRequestProblem(body);
  if (invalid) return sendJson(exchange, invalid.status, invalid.body);
  const reply = planCohereReply(body);
  if (body["stream"] === true) {
    startEventStream(exchange);
    await runStreamSteps(exchange, cohereStreamSteps(reply, model));
    return;
  }
  const text = JSON.stringify(cohereChatResponse(reply));
  switch (model) {
    case "mock-stream-error": {
      const failure = errors.cohereError(500, errors.INTERNAL_ERROR_MESSAGE);
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

async function serve(exchange: Exchange, request: RecordedRequest, apiKey: string): Promise<void> {
  const send = (reply: errors.ErrorReply) => sendJson(exchange, reply.status, reply.body, reply.headers);
  const operation =
    request.method === "POST" && request.path === "/v2/chat"
      ? "chat"
      : request.method === "POST" && request.path === "/v2/embed"
        ? "embed"
        : undefined;
  if (!operation) return send(errors.notFound());
  const denied = authError(request, apiKey);
  if (denied) return send(denied);
  const body = request.body;
  if (!isJsonObject(body)) return send(errors.invalidRequest("could not parse the request body as JSON"));
  const model = stringField(body, "model");
  if (!model) return send(errors.invalidRequest("model must be specified"));
  const scenarioError = errors.scenarioError(model);
  if (scenarioError) return send(scenarioError);
  if (operation === "chat") return respondChat(exchange, body, model);
  const invalid = embedRequestProblem(body);
  if (invalid) return send(invalid);
  return sendJson(exchange, 200, cohereEmbedResponse(body));
}

export function startMockCohereUpstream(options: MockCohereOptions = {}): Promise<MockUpstream> {
  const apiKey = options.apiKey ?? DEFAULT_MOCK_COHERE_API_KEY;
  return startRecordingServer({
    name: "mock Cohere upstream",
    port: options.port,
    newRequestId: randomUUID,
    responseHeaders: (requestId) => ({ "x-debug-trace-id": requestId }),
    serve: (exchange, request) => serve(exchange, request, apiKey),
  });
}
