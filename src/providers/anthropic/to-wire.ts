import type { ChatRequest, ToolDefinition } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import { toAnthropicMessages } from "./to-anthropic-messages.js";
import type { AnthropicTool, AnthropicToolChoice } from "./wire-types.js";

export interface AnthropicWireOptions {
  /** max_tokens when the request names none; the Messages API requires the field. */
  defaultMaxTokens: number;
}

/**
 * Encodes a canonical chat request as a Messages API body. Request-level
 * `providerOptions.anthropic` (thinking, top_k, metadata, service_tier, …) is spread in first;
 * canonical fields are set over it.
 */
export function toAnthropicMessagesBody(
  request: ChatRequest,
  upstreamModel: string,
  options: AnthropicWireOptions,
): Record<string, unknown> {
  const sampling = request.sampling;
  if (sampling.n !== undefined && sampling.n > 1) {
    throw new GatewayError("unsupported_feature", "Anthropic answers with one choice per request; 'n' must be 1.", {
      param: "n",
    });
  }
  const extras = request.providerOptions.anthropic ?? {};
  const { system, messages } = toAnthropicMessages(request.messages);
  const body: Record<string, unknown> = Object.assign({}, extras, { model: upstreamModel, messages });
  if (system !== undefined) body.system = system;
  body.max_tokens = sampling.maxOutputTokens ?? options.defaultMaxTokens;
  // OpenAI's range is 0–2, Anthropic's 0–1: values above 1 would be a 400.
  if (sampling.temperature !== undefined) body.temperature = Math.min(Math.max(sampling.temperature, 0), 1);
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  if (sampling.stop !== undefined && sampling.stop.length > 0) body.stop_sequences = sampling.stop;
  if (request.tools !== undefined) body.tools = request.tools.map(toAnthropicTool);
  const toolChoice = toAnthropicToolChoice(request);
  if (toolChoice) body.tool_choice = toolChoice;
  if (request.responseFormat?.type === "json_schema") {
    const format = { type: "json_schema", schema: request.responseFormat.schema };
    body.output_config = Object.assign({}, asObject(extras.output_config), { format });
  }
  // The end-user id is Anthropic's metadata.user_id; OpenAI's free-form metadata has no home there.
  if (request.user !== undefined)
    body.metadata = Object.assign({}, asObject(extras.metadata), { user_id: request.user });
  if (request.stream) body.stream = true;
  else delete body.stream;
  return body;
}

/** What POST /v1/messages/count_tokens accepts; it rejects max_tokens, sampling, stream and metadata. */
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

/** The count_tokens body: the messages body of the same request, less the fields it rejects. */
export function toAnthropicCountTokensBody(
  request: ChatRequest,
  upstreamModel: string,
  options: AnthropicWireOptions,
): Record<string, unknown> {
  const body = toAnthropicMessagesBody(Object.assign({}, request, { stream: false }), upstreamModel, options);
  return Object.fromEntries(Object.entries(body).filter(([field]) => COUNT_TOKENS_FIELDS.has(field)));
}

function toAnthropicTool(tool: ToolDefinition): AnthropicTool {
  const wire: AnthropicTool = {
    name: tool.name,
    input_schema: tool.parameters ?? { type: "object", properties: {} },
  };
  if (tool.description !== undefined) wire.description = tool.description;
  // Only sent when asked for: models without strict tool use reject the field.
  if (tool.strict === true) wire.strict = true;
  return wire;
}

/** auto/required/named/none → auto/any/tool/none; parallel_tool_calls:false → disable_parallel_tool_use. */
function toAnthropicToolChoice(request: ChatRequest): AnthropicToolChoice | undefined {
  if (!request.tools || request.tools.length === 0) return undefined;
  const choice = request.toolChoice;
  const disableParallel = request.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  switch (choice?.type) {
    case undefined:
      return request.parallelToolCalls === false ? { type: "auto", ...disableParallel } : undefined;
    case "none":
      return { type: "none" };
    case "auto":
      return { type: "auto", ...disableParallel };
    case "required":
      return { type: "any", ...disableParallel };
    case "tool":
      return { type: "tool", name: choice.name, ...disableParallel };
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
