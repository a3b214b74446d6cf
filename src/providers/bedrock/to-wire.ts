import type { ChatRequest, ResponseFormat, ToolChoice, ToolDefinition } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";
import { toBedrockConversation } from "./to-wire-messages.js";
import type {
  BedrockConverseRequest,
  BedrockInferenceConfig,
  BedrockSystemBlock,
  BedrockToolChoice,
  BedrockToolConfig,
  BedrockToolSpec,
} from "./wire-types.js";

/** providerOptions.bedrock keys that are Converse fields of their own; every other key is a model field. */
const CONVERSE_FIELDS = new Set([
  "guardrailConfig",
  "performanceConfig",
  "promptVariables",
  "requestMetadata",
  "additionalModelResponseFieldPaths",
  "outputConfig",
  "serviceTier",
]);

/** Said when a client asks for json_object, which Converse has no switch for. */
export const JSON_OBJECT_INSTRUCTION = "Respond with a single valid JSON object and nothing else.";

/** An empty object schema for tools known only from history or given without parameters. */
const ANY_OBJECT_SCHEMA = { type: "object", properties: {} };

/**
 * Encodes a canonical chat request as a Converse / ConverseStream body (the model id goes in
 * the URL). See docs/providers/bedrock.md for the mapping table and the choices made.
 */
export function toBedrockConverseBody(request: ChatRequest): BedrockConverseRequest {
  if ((request.sampling.n ?? 1) > 1) {
    throw new GatewayError("unsupported_feature", "Bedrock answers with one choice; n must be 1.", { param: "n" });
  }
  const conversation = toBedrockConversation(request.messages);
  const body: BedrockConverseRequest = { messages: conversation.messages };
  const system = withResponseFormatInstruction(conversation.system, request.responseFormat);
  if (system.length > 0) body.system = system;
  const inferenceConfig = toInferenceConfig(request);
  if (Object.keys(inferenceConfig).length > 0) body.inferenceConfig = inferenceConfig;
  const toolConfig = toToolConfig(request.tools, request.toolChoice, conversation);
  if (toolConfig) body.toolConfig = toolConfig;
  if (request.responseFormat?.type === "json_schema") body.outputConfig = toOutputConfig(request.responseFormat);
  if (request.metadata && Object.keys(request.metadata).length > 0) body.requestMetadata = { ...request.metadata };
  const additional: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request.providerOptions.bedrock ?? {})) {
    if (key === "additionalModelRequestFields" && typeof value === "object" && value !== null) {
      Object.assign(additional, value);
    } else if (CONVERSE_FIELDS.has(key)) {
      body[key] = value;
    } else {
      additional[key] = value;
    }
  }
  if (Object.keys(additional).length > 0) body.additionalModelRequestFields = additional;
  return body;
}

function toInferenceConfig(request: ChatRequest): BedrockInferenceConfig {
  const sampling = request.sampling;
  const config: BedrockInferenceConfig = {};
  if (sampling.maxOutputTokens !== undefined) config.maxTokens = sampling.maxOutputTokens;
  // OpenAI's range is 0–2; the models behind Converse take 0–1 and answer 400 above it.
  if (sampling.temperature !== undefined) config.temperature = Math.min(Math.max(sampling.temperature, 0), 1);
  if (sampling.topP !== undefined) config.topP = sampling.topP;
  if (sampling.stop && sampling.stop.length > 0) config.stopSequences = sampling.stop;
  return config;
}

/**
 * toolConfig whenever the client sent tools or the history holds tool blocks (Bedrock rejects
 * the latter without it); tools known only from history are declared with an open schema.
 * tool_choice "none" has no Converse equivalent: the choice is left out, and so are the tools
 * unless the history needs them.
 */
function toToolConfig(
  tools: ToolDefinition[] | undefined,
  choice: ToolChoice | undefined,
  conversation: { toolNamesInHistory: string[]; hasToolBlocks: boolean },
): BedrockToolConfig | undefined {
  const specs: BedrockToolSpec[] = choice?.type === "none" ? [] : (tools ?? []).map(toToolSpec);
  if (conversation.hasToolBlocks) {
    const declared = new Set(specs.map((spec) => spec.toolSpec.name));
    const fromHistory = tools ?? [];
    for (const name of conversation.toolNamesInHistory) {
      if (declared.has(name)) continue;
      const known = fromHistory.find((tool) => tool.name === name);
      specs.push(known ? toToolSpec(known) : { toolSpec: { name, inputSchema: { json: ANY_OBJECT_SCHEMA } } });
      declared.add(name);
    }
    // Tool results without any call in view still need one declared tool.
    if (specs.length === 0) {
      specs.push({
        toolSpec: { name: "unavailable_tool", description: "Not callable.", inputSchema: { json: ANY_OBJECT_SCHEMA } },
      });
    }
  }
  if (specs.length === 0) return undefined;
  const toolChoice = choice ? toToolChoice(choice) : undefined;
  return toolChoice ? { tools: specs, toolChoice } : { tools: specs };
}

function toToolSpec(tool: ToolDefinition): BedrockToolSpec {
  return {
    toolSpec: {
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      inputSchema: { json: tool.parameters ?? ANY_OBJECT_SCHEMA },
    },
  };
}

function toToolChoice(choice: ToolChoice): BedrockToolChoice | undefined {
  switch (choice.type) {
    case "auto":
      return { auto: {} };
    case "required":
      return { any: {} };
    case "tool":
      return { tool: { name: choice.name } };
    case "none":
      return undefined;
  }
}

/** json_schema uses Converse's native structured output; its schema travels as a JSON string. */
function toOutputConfig(format: Extract<ResponseFormat, { type: "json_schema" }>): Record<string, unknown> {
  return {
    textFormat: {
      type: "json_schema",
      structure: {
        jsonSchema: {
          schema: JSON.stringify(format.schema),
          name: format.name,
          ...(format.description ? { description: format.description } : {}),
        },
      },
    },
  };
}

/** json_object has no Converse switch: one system instruction asks for it instead. */
function withResponseFormatInstruction(
  system: BedrockSystemBlock[],
  format: ResponseFormat | undefined,
): BedrockSystemBlock[] {
  return format?.type === "json_object" ? [...system, { text: JSON_OBJECT_INSTRUCTION }] : system;
}
