// A stand-in for bedrock-runtime.<region>.amazonaws.com for end-to-end tests. It speaks the wire
// format of providers.md section 5: Converse, ConverseStream (binary event-stream frames with valid
// CRCs and "p" padding, cut across TCP writes) and InvokeModel for Titan and Cohere embeddings. It
// verifies every SigV4 signature by recomputing it with the known secret (403 when wrong) or checks
// the bearer API key. The model id in the path picks the behaviour:
//
//   ordinary model   "Echo: <last user text> ✓"; toolUse blocks (ids tooluse_…) when toolConfig has tools
//                    and the last turn is the user's; "Echo: tool result <content> ✓" after tool results;
//                    JSON for outputConfig.textFormat or a system block that mentions JSON; a signed
//                    reasoning block when additionalModelRequestFields.thinking is set; stopSequences
//                    and maxTokens honoured; text before a cachePoint reported as cacheReadInputTokens
//   mock-error-400/403/404/429/500/503, mock-stream-exception, mock-bad-crc, mock-truncated-stream,
//   mock-garbage, mock-slow-stream (x-mock-delay-ms between frames, 200), mock-hang
import { randomUUID } from "node:crypto";
import { planConverseReply, replyContent } from "./mock-bedrock/converse-reply.js";
import { converseStreamSteps } from "./mock-bedrock/converse-stream.js";
import { invokeEmbedding } from "./mock-bedrock/embeddings.js";
import * as errors from "./mock-bedrock/errors.js";
import { delayFromHeaders, SCENARIO, SLOW_STREAM_DEFAULT_DELAY_MS } from "./mock-bedrock/scenarios.js";
import { converseRequestProblem } from "./mock-bedrock/validate-converse.js";
import { type MockBedrockCredentials, verifySigV4 } from "./mock-bedrock/verify-signature.js";
import { type Exchange, runStreamSteps, sendJson } from "./mock-openai/http-io.js";
import { isJsonObject } from "./mock-openai/wire.js";
import type { RecordedRequest } from "./mock-openai-upstream.js";
import { type MockUpstream, startRecordingServer } from "./mock-shared/recording-server.js";

export { eventFrame, exceptionFrame } from "./mock-bedrock/converse-stream.js";
export { DELAY_HEADER as MOCK_DELAY_HEADER, SCENARIO as MOCK_BEDROCK_SCENARIOS } from "./mock-bedrock/scenarios.js";
export type { RecordedRequest };

/** A running mock; recorded paths are as received, the model id still URL-encoded. */
export type MockBedrockUpstream = MockUpstream;

export interface MockBedrockOptions extends Partial<MockBedrockCredentials> {
  /** A Bedrock API key accepted as `Authorization: Bearer …` instead of SigV4. */
  apiKey?: string;
  /** Default 0 (random). */
  port?: number;
}

export const DEFAULT_MOCK_BEDROCK_CREDENTIALS = {
  accessKeyId: "AKIAMOCKBEDROCK00001",
  secretAccessKey: "mock/Secret+Key/For/Bedrock/Tests/0000000",
  region: "us-east-1",
} as const;

type Operation = "converse" | "converse-stream" | "invoke";

function matchRoute(method: string, path: string): { modelId: string; operation: Operation } | undefined {
  const match = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/.exec(path);
  if (method !== "POST" || !match?.[1]) return undefined;
  try {
    return { modelId: decodeURIComponent(match[1]), operation: match[2] as Operation };
  } catch {
    return undefined;
  }
}

function sendError(exchange: Exchange, reply: errors.BedrockErrorReply): void {
  sendJson(exchange, reply.status, errors.errorBody(reply), errors.errorHeaders(reply));
}

async function authError(
  request: RecordedRequest,
  options: MockBedrockOptions,
): Promise<errors.BedrockErrorReply | undefined> {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers["authorization"] ?? "")?.[1]?.trim();
  if (bearer !== undefined) return bearer === options.apiKey ? undefined : errors.unrecognizedClient();
  return verifySigV4(
    {
      method: request.method,
      rawPath: request.path,
      query: request.query,
      headers: request.headers,
      body: Buffer.from(request.rawBody),
    },
    { ...DEFAULT_MOCK_BEDROCK_CREDENTIALS, ...stripUndefined(options) },
  );
}

function stripUndefined(options: MockBedrockOptions): Partial<MockBedrockCredentials> {
  const { accessKeyId, secretAccessKey, sessionToken, region } = options;
  return Object.fromEntries(
    Object.entries({ accessKeyId, secretAccessKey, sessionToken, region }).filter(([, value]) => value !== undefined),
  );
}

async function serve(exchange: Exchange, request: RecordedRequest, options: MockBedrockOptions): Promise<void> {
  const route = matchRoute(request.method, request.path);
  if (!route) return sendError(exchange, errors.unknownOperation());
  const denied = await authError(request, options);
  if (denied) return sendError(exchange, denied);
  const body = request.body;
  if (!isJsonObject(body)) return sendError(exchange, errors.serialization());
  const scenarioError = errors.scenarioError(route.modelId);
  if (scenarioError) return sendError(exchange, scenarioError);
  if (route.modelId === SCENARIO.hang) return; // open until the client gives up or the mock closes
  if (route.modelId === SCENARIO.garbage && route.operation !== "converse-stream") {
    return sendJson(exchange, 200, "not json {");
  }
  if (route.operation === "invoke") {
    const answer = invokeEmbedding(body, route.modelId);
    if ("status" in answer) return sendError(exchange, answer);
    return sendJson(exchange, 200, answer.body, {
      "x-amzn-bedrock-input-token-count": String(answer.inputTokens),
      "x-amzn-bedrock-invocation-latency": "42",
    });
  }
  const problem = converseRequestProblem(body);
  if (problem) return sendError(exchange, problem);
  const reply = planConverseReply(body);
  if (route.operation === "converse") {
    return sendJson(exchange, 200, {
      output: { message: { role: "assistant", content: replyContent(reply) } },
      stopReason: reply.stopReason,
      usage: reply.usage,
      metrics: { latencyMs: 100 + reply.textPieces.length },
    });
  }
  exchange.response.writeHead(200, {
    ...exchange.responseHeaders(),
    "content-type": "application/vnd.amazon.eventstream",
  });
  exchange.response.flushHeaders();
  if (route.modelId === SCENARIO.garbage) {
    exchange.response.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    return;
  }
  const delayMs = delayFromHeaders(request.headers, SLOW_STREAM_DEFAULT_DELAY_MS);
  await runStreamSteps(exchange, converseStreamSteps(reply, route.modelId, delayMs));
}

export async function startMockBedrockUpstream(options: MockBedrockOptions = {}): Promise<MockBedrockUpstream> {
  return startRecordingServer({
    name: "mock Bedrock upstream",
    port: options.port,
    // SigV4 is computed over the path as sent (model ids are percent-encoded), so keep it raw.
    rawPath: true,
    newRequestId: randomUUID,
    responseHeaders: (requestId) => ({ "x-amzn-requestid": requestId, date: new Date().toUTCString() }),
    failureReply: (message) => ({ headers: { "x-amzn-errortype": "InternalServerException" }, body: { message } }),
    serve: (exchange, request) => serve(exchange, request, options),
  });
}
