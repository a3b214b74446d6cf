// A stand-in for api.anthropic.com for end-to-end tests. It speaks the wire format of providers.md
// sections 3 and 7, and checks requests the way the Messages API does (max_tokens, roles, turn
// order, tool_use/tool_result adjacency, thinking budgets, unknown fields). The request's `model`
// picks the behaviour, so tests need no side channel:
//
//   ordinary model   "Echo: <last user text> ✓"; tool_use blocks (ids toolu_…) when tools are given and
//                    the last turn is the user's; "Echo: tool result <content> ✓" after tool results;
//                    a signed thinking block first when `thinking` is enabled; JSON for
//                    output_config.format; stop_sequences and max_tokens honoured; cache_control
//                    breakpoints written on first sight and read after
//   mock-error-400/429/500/529, mock-stream-error, mock-truncated-stream, mock-garbage,
//   mock-slow-stream (x-mock-delay-ms between events, 200), mock-hang

import { randomUUID } from "node:crypto";
import * as errors from "./mock-anthropic/errors.js";
import { newRequestId } from "./mock-anthropic/ids.js";
import { respondCountTokens, respondMessages, sendError } from "./mock-anthropic/messages-responder.js";
import { PromptCache } from "./mock-anthropic/prompt-cache.js";
import { isJsonObject } from "./mock-anthropic/wire.js";
import { type Exchange, sendJson } from "./mock-openai/http-io.js";
import type { RecordedRequest } from "./mock-openai-upstream.js";
import { type MockUpstream, startRecordingServer } from "./mock-shared/recording-server.js";

export { DELAY_HEADER as MOCK_DELAY_HEADER, SCENARIO as MOCK_ANTHROPIC_SCENARIOS } from "./mock-anthropic/scenarios.js";
export type { RecordedRequest };

/** A running mock; `url` is the SDK-style base URL without /v1; reset() also forgets the prompt cache. */
export type MockAnthropicUpstream = MockUpstream;

export interface MockAnthropicOptions {
  /** Expected x-api-key; default "sk-ant-mock-upstream". */
  apiKey?: string;
  /** Default 0 (random). */
  port?: number;
}

export const DEFAULT_MOCK_ANTHROPIC_API_KEY = "sk-ant-mock-upstream";

const MODELS: ReadonlyArray<readonly [id: string, displayName: string, createdAt: string]> = [
  ["claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z"],
  ["claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-15T00:00:00Z"],
  ["claude-opus-4-1-20250805", "Claude Opus 4.1", "2025-08-05T00:00:00Z"],
];

function authError(request: RecordedRequest, options: MockAnthropicOptions): errors.ErrorReply | undefined {
  // API keys come as x-api-key; newer SDKs send them as a bearer token, which the API also takes.
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers["authorization"] ?? "")?.[1]?.trim();
  const key = request.headers["x-api-key"] || bearer;
  if (!key) return errors.missingApiKey();
  if (key !== (options.apiKey ?? DEFAULT_MOCK_ANTHROPIC_API_KEY)) return errors.invalidApiKey();
  return request.headers["anthropic-version"] ? undefined : errors.missingVersion();
}

async function serve(exchange: Exchange, request: RecordedRequest, options: MockAnthropicOptions, cache: PromptCache) {
  const route = `${request.method} ${request.path}`;
  const known = ["POST /v1/messages", "POST /v1/messages/count_tokens", "GET /v1/models"];
  if (!known.includes(route)) return sendError(exchange, errors.notFound());
  const denied = authError(request, options);
  if (denied) return sendError(exchange, denied);
  if (route === "GET /v1/models") {
    const data = MODELS.map(([id, display_name, created_at]) => ({ type: "model", id, display_name, created_at }));
    return sendJson(exchange, 200, { data, has_more: false, first_id: data[0]?.id, last_id: data.at(-1)?.id });
  }
  if (!isJsonObject(request.body)) return sendError(exchange, errors.invalidJson());
  if (route === "POST /v1/messages/count_tokens") return respondCountTokens(exchange, request.body, cache);
  return respondMessages(exchange, request.body, cache);
}

function rateLimitHeaders(): Record<string, string> {
  const reset = new Date(Date.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    "anthropic-ratelimit-requests-limit": "4000",
    "anthropic-ratelimit-requests-remaining": "3999",
    "anthropic-ratelimit-requests-reset": reset,
    "anthropic-ratelimit-input-tokens-limit": "2000000",
    "anthropic-ratelimit-input-tokens-remaining": "2000000",
    "anthropic-ratelimit-input-tokens-reset": reset,
    "anthropic-ratelimit-output-tokens-limit": "400000",
    "anthropic-ratelimit-output-tokens-remaining": "400000",
    "anthropic-ratelimit-output-tokens-reset": reset,
  };
}

export async function startMockAnthropicUpstream(options: MockAnthropicOptions = {}): Promise<MockAnthropicUpstream> {
  const cache = new PromptCache();
  const organizationId = randomUUID();
  const server = await startRecordingServer({
    name: "mock Anthropic upstream",
    port: options.port,
    newRequestId,
    responseHeaders: (requestId) => ({
      "request-id": requestId,
      "anthropic-organization-id": organizationId,
      ...rateLimitHeaders(),
    }),
    failureReply: (message) => ({ body: { type: "error", error: { type: "api_error", message } } }),
    serve: (exchange, request) => serve(exchange, request, options, cache),
  });
  return {
    ...server,
    reset: () => {
      server.reset();
      cache.clear();
    },
  };
}
