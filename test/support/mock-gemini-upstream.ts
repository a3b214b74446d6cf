import { respondBatchEmbedContents } from "./mock-gemini/embeddings.js";
import * as errors from "./mock-gemini/errors.js";
import { respondGenerateContent } from "./mock-gemini/generate-content.js";
import { type Exchange, googleHeaders, sendGoogleJson } from "./mock-gemini/http.js";
import { SCENARIO } from "./mock-gemini/scenarios.js";
import { validateGenerateContent } from "./mock-gemini/validate-request.js";
import { isJsonObject } from "./mock-gemini/wire.js";
import type { RecordedRequest } from "./mock-openai-upstream.js";
import { type MockUpstream, startRecordingServer } from "./mock-shared/recording-server.js";

export { mockEmbedding } from "./mock-gemini/embeddings.js";
export { RETRY_DELAY_SECONDS as MOCK_GEMINI_RETRY_DELAY_SECONDS } from "./mock-gemini/errors.js";
export {
  CALL_ARGUMENTS as MOCK_GEMINI_CALL_ARGUMENTS,
  ECHO_SUFFIX as MOCK_GEMINI_ECHO_SUFFIX,
} from "./mock-gemini/reply.js";
export { SCENARIO as MOCK_GEMINI_SCENARIOS } from "./mock-gemini/scenarios.js";
export { isValidThoughtSignature, SKIP_THOUGHT_SIGNATURE } from "./mock-gemini/thought-signatures.js";
export type { RecordedRequest } from "./mock-openai-upstream.js";

/** A running mock; `url` is the form of Gemini's baseUrl (no /v1beta). */
export type MockGeminiUpstream = MockUpstream;

export interface MockGeminiOptions {
  /** Expected key (x-goog-api-key header or ?key=); default DEFAULT_MOCK_GEMINI_API_KEY. */
  apiKey?: string;
  /** Default 0 (random). */
  port?: number;
}

export const DEFAULT_MOCK_GEMINI_API_KEY = "AIzaSyMockGeminiUpstreamKey000000000000";

type Method = "generateContent" | "streamGenerateContent" | "batchEmbedContents";
const METHODS = new Set<string>(["generateContent", "streamGenerateContent", "batchEmbedContents"]);

function matchRoute(method: string, path: string): { model: string; method: Method } | undefined {
  const match = /^\/v1(?:beta)?\/models\/([^/:]+):([A-Za-z]+)$/.exec(path);
  if (method !== "POST" || !match?.[1] || !match[2] || !METHODS.has(match[2])) return undefined;
  return { model: decodeURIComponent(match[1]), method: match[2] as Method };
}

/** Google's front end answers unknown paths with an HTML page. */
function sendHtmlNotFound(exchange: Exchange, path: string): void {
  const html =
    "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>\n" +
    `  <p><b>404.</b> <ins>That’s an error.</ins>\n  <p>The requested URL <code>${path}</code> was not found on ` +
    "this server.  <ins>That’s all we know.</ins>\n";
  exchange.response.writeHead(404, { "content-type": "text/html; charset=UTF-8" });
  exchange.response.end(html);
}

async function serve(exchange: Exchange, request: RecordedRequest, options: MockGeminiOptions): Promise<void> {
  const send = (reply: errors.ErrorReply) => sendGoogleJson(exchange, reply.status, reply.body);
  const route = matchRoute(request.method, request.path);
  if (!route) return sendHtmlNotFound(exchange, request.path);
  const key = request.headers["x-goog-api-key"] ?? request.query["key"];
  if (!key) return send(errors.unregisteredCaller());
  if (key !== (options.apiKey ?? DEFAULT_MOCK_GEMINI_API_KEY)) return send(errors.apiKeyInvalid());
  const body = request.body;
  if (!isJsonObject(body)) return send(errors.invalidArgument("Invalid JSON payload received. Unexpected token."));
  const scenarioError = errors.scenarioError(route.model, route.method);
  if (scenarioError) return send(scenarioError);
  if (route.model === SCENARIO.hang) return; // Open until the client gives up or the mock closes.
  if (route.method === "batchEmbedContents") return respondBatchEmbedContents(exchange, body, route.model);
  const invalid = validateGenerateContent(body, route.model);
  if (invalid) return send(invalid);
  const stream = route.method === "streamGenerateContent" ? { sse: request.query["alt"] === "sse" } : undefined;
  return respondGenerateContent(exchange, body, route.model, stream);
}

export async function startMockGeminiUpstream(options: MockGeminiOptions = {}): Promise<MockGeminiUpstream> {
  return startRecordingServer({
    name: "mock Gemini upstream",
    port: options.port,
    // Google sends no request id header.
    newRequestId: () => "",
    responseHeaders: (_requestId, startedAt) => googleHeaders(startedAt),
    failureReply: (message) => ({
      headers: { "content-type": "application/json; charset=UTF-8" },
      body: { error: { code: 500, message, status: "INTERNAL" } },
    }),
    serve: (exchange, request) => serve(exchange, request, options),
  });
}
