// Error bodies worded like the real services send them (providers.md 1.9 and 2).
import type { Dialect, JsonObject } from "./wire.js";

export interface ErrorReply {
  status: number;
  body: JsonObject;
  headers?: Record<string, string>;
}

function openAIError(message: string, type: string | null, param: string | null, code: string | null): JsonObject {
  return { error: { message, type, param, code } };
}

const API_KEYS_PAGE = "https://platform.openai.com/account/api-keys";

export const SERVER_ERROR_MESSAGE = "The server had an error while processing your request. Sorry about that!";

/** The in-band error a stream carries after HTTP 200 (`mock-stream-error*`). */
export const IN_STREAM_ERROR: JsonObject = openAIError(
  "The server had an error while processing your request.",
  "server_error",
  null,
  null,
);

export function missingApiKey(): ErrorReply {
  const message =
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
    "(i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API " +
    `from your browser and are prompted for a username. You can obtain an API key from ${API_KEYS_PAGE}.`;
  return { status: 401, body: openAIError(message, "invalid_request_error", null, "invalid_api_key") };
}

/** OpenAI shows the key's first 3 and last 4 characters. */
function maskApiKey(key: string): string {
  return key.length <= 8 ? `${key.slice(0, 3)}***` : `${key.slice(0, 3)}${"*".repeat(key.length - 7)}${key.slice(-4)}`;
}

export function incorrectApiKey(key: string): ErrorReply {
  const message = `Incorrect API key provided: ${maskApiKey(key)}. You can find your API key at ${API_KEYS_PAGE}.`;
  return { status: 401, body: openAIError(message, "invalid_request_error", null, "invalid_api_key") };
}

export function invalidUrl(method: string, path: string): ErrorReply {
  return { status: 404, body: openAIError(`Invalid URL (${method} ${path})`, "invalid_request_error", null, null) };
}

export function invalidJson(): ErrorReply {
  const message =
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library " +
    "correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble " +
    "figuring out how to fix this, please contact us through our help center at help.openai.com.)";
  return { status: 400, body: openAIError(message, "invalid_request_error", null, null) };
}

export function missingModel(): ErrorReply {
  return { status: 400, body: openAIError("you must provide a model parameter", "invalid_request_error", null, null) };
}

export function missingParameter(name: string): ErrorReply {
  const message = `Missing required parameter: '${name}'.`;
  return { status: 400, body: openAIError(message, "invalid_request_error", name, "missing_required_parameter") };
}

export function streamOptionsWithoutStream(): ErrorReply {
  const message = "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
  return { status: 400, body: openAIError(message, "invalid_request_error", "stream_options", null) };
}

export function modelNotFound(model: string): ErrorReply {
  const message = `The model '${model}' does not exist or you do not have access to it.`;
  return { status: 404, body: openAIError(message, "invalid_request_error", null, "model_not_found") };
}

export function azureResourceNotFound(): ErrorReply {
  return { status: 404, body: { error: { code: "404", message: "Resource not found" } } };
}

export function azureAccessDenied(): ErrorReply {
  const message =
    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an " +
    "active subscription and use a correct regional API endpoint for your resource.";
  return { status: 401, body: { error: { code: "401", message } } };
}

export interface ScenarioErrorContext {
  dialect: Dialect;
  model: string;
  operation: "chat" | "embeddings";
  apiVersion: string | undefined;
  requestId: string;
}

function rateLimited(context: ScenarioErrorContext): ErrorReply {
  if (context.dialect === "azure") {
    const operation = context.operation === "chat" ? "ChatCompletions_Create" : "Embeddings_Create";
    const message =
      `Requests to the ${operation} Operation under Azure OpenAI API version ${context.apiVersion} have exceeded ` +
      "token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second. Please go here: " +
      "https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.";
    return {
      status: 429,
      body: { error: { code: "429", message } },
      headers: {
        "retry-after": "1",
        "retry-after-ms": "1000",
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-remaining-tokens": "0",
      },
    };
  }
  const message =
    `Rate limit reached for ${context.model} in organization org-mock on requests per min (RPM): Limit 3, Used 3, ` +
    "Requested 1. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.";
  return {
    status: 429,
    body: openAIError(message, "requests", null, "rate_limit_exceeded"),
    headers: {
      "retry-after": "1",
      "x-ratelimit-limit-requests": "3",
      "x-ratelimit-limit-tokens": "30000",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-remaining-tokens": "29950",
      "x-ratelimit-reset-requests": "1s",
      "x-ratelimit-reset-tokens": "100ms",
    },
  };
}

/** The HTTP error for the `mock-error-*` scenario models, or undefined for any other model. */
export function scenarioError(context: ScenarioErrorContext): ErrorReply | undefined {
  switch (context.model) {
    case "mock-error-400": {
      const message =
        "Invalid value for 'temperature': expected a number between 0 and 2. Please check the value and try again.";
      return { status: 400, body: openAIError(message, "invalid_request_error", "temperature", "invalid_value") };
    }
    case "mock-error-429":
      return rateLimited(context);
    case "mock-error-500":
      return { status: 500, body: openAIError(SERVER_ERROR_MESSAGE, "server_error", null, null) };
    case "mock-error-503": {
      const message =
        "That model is currently overloaded with other requests. You can retry your request, or contact us through " +
        "our help center at help.openai.com if the error persists. (Please include the request ID " +
        `${context.requestId} in your message.)`;
      return { status: 503, body: openAIError(message, "server_error", null, null) };
    }
    default:
      return undefined;
  }
}
