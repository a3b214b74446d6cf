// A stand-in for generativelanguage.googleapis.com (Gemini API with AI Studio keys) for tests.
// It speaks the wire format of providers.md section 4: POST /v1beta/models/{model}:generateContent,
// :streamGenerateContent (SSE with CRLF when ?alt=sse, else one JSON array), :batchEmbedContents.
// The model in the path picks the behaviour, so tests need no side channel:
//
//   ordinary model       "Echo: <last user text> ✓"; two whole functionCalls (first with a
//                        thoughtSignature, finishReason STOP) when tools are given and the last turn is the
//                        user's; "Echo: tool result <output> ✓" after functionResponse parts; JSON echo for
//                        responseMimeType application/json; MAX_TOKENS when maxOutputTokens is smaller.
//                        gemini-2.5*/gemini-3* report thoughtsTokenCount and sign their turns; gemini-3* answer
//                        400 when a model turn's first functionCall comes back without its signature.
//   mock-safety, mock-prompt-blocked, mock-error-400/403/404/429/500/503, mock-stream-error,
//   mock-truncated-stream, mock-reset-mid-stream, mock-garbage, mock-hang
//
// Like the real API it answers 400 API_KEY_INVALID for a wrong key, 403 for none, and 400 for
// roles other than user/model and for JSON Schema keywords Gemini's Schema does not know.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { respondBatchEmbedContents } from "./mock-gemini/embeddings.js";
import * as errors from "./mock-gemini/errors.js";
import { respondGenerateContent } from "./mock-gemini/generate-content.js";
import { type Exchange, googleHeaders, readBody, sendGoogleJson } from "./mock-gemini/http.js";
import { SCENARIO } from "./mock-gemini/scenarios.js";
import { validateGenerateContent } from "./mock-gemini/validate-request.js";
import { isJsonObject } from "./mock-gemini/wire.js";
import { RequestRecorder } from "./mock-openai/request-recorder.js";
import type { RecordedRequest } from "./mock-openai-upstream.js";

export { mockEmbedding } from "./mock-gemini/embeddings.js";
export { RETRY_DELAY_SECONDS as MOCK_GEMINI_RETRY_DELAY_SECONDS } from "./mock-gemini/errors.js";
export {
  CALL_ARGUMENTS as MOCK_GEMINI_CALL_ARGUMENTS,
  ECHO_SUFFIX as MOCK_GEMINI_ECHO_SUFFIX,
} from "./mock-gemini/reply.js";
export { SCENARIO as MOCK_GEMINI_SCENARIOS } from "./mock-gemini/scenarios.js";
export { isValidThoughtSignature, SKIP_THOUGHT_SIGNATURE } from "./mock-gemini/thought-signatures.js";
export type { RecordedRequest } from "./mock-openai-upstream.js";

export interface MockGeminiUpstream {
  /** e.g. "http://127.0.0.1:54321" (no trailing slash, no /v1beta), the form of Gemini's baseUrl. */
  url: string;
  requests: RecordedRequest[];
  lastRequest(): RecordedRequest | undefined;
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once request[index] (default: the last one at call time) is aborted by the client. */
  waitForAbort(index?: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

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

function singleValueHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

function parseJson(rawBody: string): unknown {
  try {
    return rawBody.length > 0 ? JSON.parse(rawBody) : undefined;
  } catch {
    return undefined;
  }
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
  const recorder = new RequestRecorder();
  const inFlight = new Set<AbortController>();
  let closing = false;

  async function handleExchange(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const controller = new AbortController();
    let request: RecordedRequest | undefined;
    let closedBeforeRecording = false;
    let endedByMock = false;
    inFlight.add(controller);
    response.on("close", () => {
      inFlight.delete(controller);
      controller.abort();
      if (response.writableFinished || endedByMock || closing) return;
      if (request) recorder.markAborted(request);
      else closedBeforeRecording = true;
    });

    const rawBody = await readBody(incoming);
    const url = new URL(incoming.url ?? "/", "http://mock.invalid");
    request = {
      method: incoming.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: singleValueHeaders(incoming.headers),
      body: parseJson(rawBody),
      rawBody,
      aborted: closedBeforeRecording,
    };
    recorder.record(request);
    const exchange: Exchange = {
      requestId: "",
      response,
      requestHeaders: request.headers,
      signal: controller.signal,
      responseHeaders: () => googleHeaders(startedAt),
      resetConnection: () => {
        endedByMock = true;
        response.socket?.resetAndDestroy();
      },
    };
    await serve(exchange, request, options);
  }

  const server = createServer((incoming, response) => {
    handleExchange(incoming, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return void response.destroy();
      const message = `mock Gemini upstream failed: ${error instanceof Error ? error.message : String(error)}`;
      response.writeHead(500, { "content-type": "application/json; charset=UTF-8" });
      response.end(JSON.stringify({ error: { code: 500, message, status: "INTERNAL" } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: recorder.requests,
    lastRequest: () => recorder.requests.at(-1),
    waitForRequests: (count, timeoutMs) => recorder.waitForRequests(count, timeoutMs),
    waitForAbort: (index, timeoutMs) => recorder.waitForAbort(index, timeoutMs),
    reset: () => recorder.reset(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        recorder.close();
        for (const controller of inFlight) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
