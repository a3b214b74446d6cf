// The 400s the Messages API gives before generating anything: unknown fields, a missing
// max_tokens, out-of-range sampling, thinking settings that do not fit, then the conversation.
import { type ErrorReply, invalidRequest } from "./errors.js";
import { validateMessages } from "./validate-messages.js";
import { isJsonObject, type JsonObject } from "./wire.js";

/** Top-level fields of POST /v1/messages (the SDK's MessageCreateParams plus the older sampling fields). */
const MESSAGES_FIELDS = new Set([
  "model",
  "messages",
  "max_tokens",
  "system",
  "metadata",
  "stop_sequences",
  "stream",
  "temperature",
  "top_p",
  "top_k",
  "tools",
  "tool_choice",
  "thinking",
  "service_tier",
  "output_config",
  "cache_control",
  "container",
  "context_management",
  "mcp_servers",
  "inference_geo",
  "speed",
  "user_profile_id",
  "workspace_id",
  "diagnostics",
]);

/** POST /v1/messages/count_tokens takes the conversation and tools, nothing about generation. */
const COUNT_TOKENS_FIELDS = new Set([
  "model",
  "messages",
  "system",
  "tools",
  "tool_choice",
  "thinking",
  "output_config",
  "cache_control",
  "speed",
  "user_profile_id",
  "mcp_servers",
  "context_management",
]);

const THINKING_DOCS = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

export function validateMessagesRequest(body: JsonObject): ErrorReply | undefined {
  return (
    unknownField(body, MESSAGES_FIELDS) ??
    required(body, "model") ??
    maxTokensProblem(body) ??
    samplingProblem(body) ??
    thinkingProblem(body) ??
    validateMessages(body["messages"])
  );
}

export function validateCountTokensRequest(body: JsonObject): ErrorReply | undefined {
  return unknownField(body, COUNT_TOKENS_FIELDS) ?? required(body, "model") ?? validateMessages(body["messages"]);
}

function unknownField(body: JsonObject, known: ReadonlySet<string>): ErrorReply | undefined {
  const extra = Object.keys(body).find((field) => !known.has(field));
  return extra === undefined ? undefined : invalidRequest(`${extra}: Extra inputs are not permitted`);
}

function required(body: JsonObject, field: string): ErrorReply | undefined {
  return body[field] === undefined ? invalidRequest(`${field}: Field required`) : undefined;
}

function maxTokensProblem(body: JsonObject): ErrorReply | undefined {
  const maxTokens = body["max_tokens"];
  if (maxTokens === undefined) return invalidRequest("max_tokens: Field required");
  if (typeof maxTokens !== "number" || !Number.isInteger(maxTokens)) {
    return invalidRequest("max_tokens: Input should be a valid integer");
  }
  return maxTokens < 1 ? invalidRequest("max_tokens: Input should be greater than or equal to 1") : undefined;
}

function samplingProblem(body: JsonObject): ErrorReply | undefined {
  for (const field of ["temperature", "top_p"]) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== "number") return invalidRequest(`${field}: Input should be a valid number`);
    if (value < 0) return invalidRequest(`${field}: Input should be greater than or equal to 0`);
    if (value > 1) return invalidRequest(`${field}: Input should be less than or equal to 1`);
  }
  const stops = body["stop_sequences"];
  if (stops !== undefined && !(Array.isArray(stops) && stops.every((stop) => typeof stop === "string"))) {
    return invalidRequest("stop_sequences: Input should be a valid list");
  }
  return undefined;
}

function thinkingProblem(body: JsonObject): ErrorReply | undefined {
  const thinking = body["thinking"];
  if (!isJsonObject(thinking) || thinking["type"] !== "enabled") return undefined;
  const budget = thinking["budget_tokens"];
  if (typeof budget !== "number") return invalidRequest("thinking.enabled.budget_tokens: Field required");
  if (budget < 1024)
    return invalidRequest("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
  if (typeof body["max_tokens"] === "number" && body["max_tokens"] <= budget) {
    return invalidRequest(
      `\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${THINKING_DOCS}#max-tokens-and-context-window-size`,
    );
  }
  if (body["temperature"] !== undefined && body["temperature"] !== 1) {
    return invalidRequest(
      `\`temperature\` may only be set to 1 when thinking is enabled. Please consult our documentation at ${THINKING_DOCS}#feature-compatibility`,
    );
  }
  return undefined;
}
