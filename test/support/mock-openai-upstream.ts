import { respondChat } from "./mock-openai/chat-responder.js";
import { respondEmbeddings } from "./mock-openai/embeddings.js";
import * as errors from "./mock-openai/errors.js";
import { type Exchange, sendJson, sleep } from "./mock-openai/http-io.js";
import { newRequestId, newUuid } from "./mock-openai/ids.js";
import { delayFromHeaders, SCENARIO } from "./mock-openai/scenarios.js";
import { type Dialect, isJsonObject, stringField } from "./mock-openai/wire.js";
import { type MockUpstream, startRecordingServer } from "./mock-shared/recording-server.js";

export { encodeEmbeddingBase64, mockEmbedding } from "./mock-openai/embeddings.js";
export { DELAY_HEADER as MOCK_DELAY_HEADER, SCENARIO as MOCK_SCENARIOS } from "./mock-openai/scenarios.js";

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names, single values (repeated headers joined with ", "). */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when empty or malformed. */
  body: unknown;
  rawBody: string;
  /** True once the client closed the connection before the mock finished responding. */
  aborted: boolean;
}

/** A running mock; `url` has no trailing slash and no /v1. */
export type MockOpenAIUpstream = MockUpstream;

export interface MockOpenAIOptions {
  /** Expected bearer key; default "sk-mock-upstream". */
  apiKey?: string;
  /** When set, also serve /openai/deployments/{deployment}/chat/completions and /embeddings. */
  azure?: { apiKey: string };
  /** Default 0 (random). */
  port?: number;
}

export const DEFAULT_MOCK_API_KEY = "sk-mock-upstream";

const MODELS: ReadonlyArray<readonly [id: string, created: number]> = [
  ["gpt-4o-mini", 1721172741],
  ["gpt-4o", 1715367049],
  ["gpt-4.1", 1744316542],
  ["o4-mini", 1744225351],
  ["text-embedding-3-small", 1705948997],
  ["text-embedding-3-large", 1705953180],
];

const SLOW_FIRST_BYTE_DEFAULT_DELAY_MS = 2_000;

type Route =
  | { operation: "chat" | "embeddings"; dialect: Dialect; deployment?: string }
  | { operation: "list-models"; dialect: "openai" }
  | { operation: "get-model"; dialect: "openai"; id: string };

function matchRoute(method: string, path: string, azure: boolean): Route | undefined {
  if (method === "POST" && path === "/v1/chat/completions") return { operation: "chat", dialect: "openai" };
  if (method === "POST" && path === "/v1/embeddings") return { operation: "embeddings", dialect: "openai" };
  if (method === "GET" && path === "/v1/models") return { operation: "list-models", dialect: "openai" };
  const model = /^\/v1\/models\/([^/]+)$/.exec(path);
  if (method === "GET" && model?.[1])
    return { operation: "get-model", dialect: "openai", id: decodeURIComponent(model[1]) };
  const deployment = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/.exec(path);
  if (azure && method === "POST" && deployment?.[1]) {
    const operation = deployment[2] === "embeddings" ? "embeddings" : "chat";
    return { operation, dialect: "azure", deployment: decodeURIComponent(deployment[1]) };
  }
  return undefined;
}

function authError(route: Route, request: RecordedRequest, options: MockOpenAIOptions): errors.ErrorReply | undefined {
  if (route.dialect === "azure") {
    if (!request.query["api-version"]) return errors.azureResourceNotFound();
    return request.headers["api-key"] === options.azure?.apiKey ? undefined : errors.azureAccessDenied();
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers["authorization"] ?? "")?.[1]?.trim();
  if (!bearer) return errors.missingApiKey();
  return bearer === (options.apiKey ?? DEFAULT_MOCK_API_KEY) ? undefined : errors.incorrectApiKey(bearer);
}

function modelObject([id, created]: readonly [string, number]) {
  return { id, object: "model", created, owned_by: "system" };
}

/** Everything after recording: routing, auth, the shared scenarios, then the operation itself. */
async function serve(exchange: Exchange, request: RecordedRequest, options: MockOpenAIOptions): Promise<void> {
  const send = (reply: errors.ErrorReply) => sendJson(exchange, reply.status, reply.body, reply.headers);
  const route = matchRoute(request.method, request.path, options.azure !== undefined);
  if (!route) {
    const azurePath = options.azure !== undefined && request.path.startsWith("/openai/");
    return send(azurePath ? errors.azureResourceNotFound() : errors.invalidUrl(request.method, request.path));
  }
  const denied = authError(route, request, options);
  if (denied) return send(denied);
  if (route.operation === "list-models") {
    return sendJson(exchange, 200, { object: "list", data: MODELS.map(modelObject) });
  }
  if (route.operation === "get-model") {
    const known = MODELS.find(([id]) => id === route.id);
    return known ? sendJson(exchange, 200, modelObject(known)) : send(errors.modelNotFound(route.id));
  }
  const body = request.body;
  if (!isJsonObject(body)) return send(errors.invalidJson());
  const model = route.deployment ?? stringField(body, "model");
  if (!model) return send(errors.missingModel());
  const scenarioError = errors.scenarioError({
    dialect: route.dialect,
    model,
    operation: route.operation,
    apiVersion: request.query["api-version"],
    requestId: exchange.requestId,
  });
  if (scenarioError) return send(scenarioError);
  switch (model) {
    case SCENARIO.garbage:
      return sendJson(exchange, 200, "not json {");
    case SCENARIO.hang:
      return; // The response stays open until the client gives up or the mock closes.
    case SCENARIO.slowFirstByte:
      if (!(await sleep(delayFromHeaders(request.headers, SLOW_FIRST_BYTE_DEFAULT_DELAY_MS), exchange.signal))) return;
      break;
  }
  if (route.operation === "embeddings") return respondEmbeddings(exchange, body, model);
  return respondChat(exchange, body, model, route.dialect);
}

function successHeaders(dialect: Dialect): Record<string, string> {
  if (dialect === "azure") return { "apim-request-id": newUuid(), "x-ms-region": "East US" };
  return {
    "x-ratelimit-limit-requests": "10000",
    "x-ratelimit-limit-tokens": "30000000",
    "x-ratelimit-remaining-requests": "9999",
    "x-ratelimit-remaining-tokens": "29999990",
    "x-ratelimit-reset-requests": "6ms",
    "x-ratelimit-reset-tokens": "0s",
  };
}

export async function startMockOpenAIUpstream(options: MockOpenAIOptions = {}): Promise<MockOpenAIUpstream> {
  return startRecordingServer({
    name: "mock OpenAI upstream",
    port: options.port,
    newRequestId,
    responseHeaders: (requestId, startedAt, request) => ({
      "x-request-id": requestId,
      "openai-processing-ms": String(Date.now() - startedAt),
      "openai-version": "2020-10-01",
      "openai-organization": "user-mock",
      ...successHeaders(request.path.startsWith("/openai/") ? "azure" : "openai"),
    }),
    failureReply: (message) => ({ body: { error: { message, type: "server_error", param: null, code: null } } }),
    serve: (exchange, request) => serve(exchange, request, options),
  });
}
