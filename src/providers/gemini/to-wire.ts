import type { ChatRequest, ResponseFormat, ToolChoice, ToolDefinition } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { GatewayError } from "../../contract/errors.js";
import { isRecord } from "../shared-chat-wire/is-record.js";
import { setIfDefined } from "../shared-chat-wire/set-if-defined.js";
import { cleanGeminiSchema } from "./clean-gemini-schema.js";
import { toGeminiPrompt } from "./to-gemini-contents.js";
import type {
  GeminiFunctionDeclaration,
  GeminiGenerateContentRequest,
  GeminiGenerationConfig,
  GeminiToolConfig,
} from "./wire-types.js";

/**
 * Encodes a canonical chat request as a generateContent body (the same body streams). Fields in
 * `providerOptions.gemini` (safetySettings, cachedContent, generationConfig.thinkingConfig, …)
 * are sent as given; the canonical fields win where both set the same one.
 */
export function toGeminiGenerateContentBody(request: ChatRequest): GeminiGenerateContentRequest {
  const { generationConfig: extraGeneration, ...extra } = request.providerOptions.gemini ?? {};
  const prompt = toGeminiPrompt(request.messages);
  const body: GeminiGenerateContentRequest = Object.assign({}, extra, { contents: prompt.contents });
  if (prompt.systemInstruction) body.systemInstruction = prompt.systemInstruction;
  if (request.tools && request.tools.length > 0) {
    body.tools = [{ functionDeclarations: request.tools.map(toFunctionDeclaration) }];
    if (request.toolChoice) body.toolConfig = toToolConfig(request.toolChoice);
  }
  const generationConfig: GeminiGenerationConfig = Object.assign(
    {},
    isRecord(extraGeneration) ? extraGeneration : undefined,
    toGenerationConfig(request),
  );
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

function toFunctionDeclaration(tool: ToolDefinition): GeminiFunctionDeclaration {
  const declaration: GeminiFunctionDeclaration = { name: tool.name };
  if (tool.description !== undefined) declaration.description = tool.description;
  const parameters = cleanGeminiSchema(tool.parameters);
  // Gemini rejects an OBJECT schema with no properties; a function without arguments sends none.
  if (parameters && isRecord(parameters.properties) && Object.keys(parameters.properties).length > 0) {
    declaration.parameters = parameters;
  }
  return declaration;
}

function toToolConfig(choice: ToolChoice): GeminiToolConfig {
  switch (choice.type) {
    case "auto":
      return { functionCallingConfig: { mode: "AUTO" } };
    case "none":
      return { functionCallingConfig: { mode: "NONE" } };
    case "required":
      return { functionCallingConfig: { mode: "ANY" } };
    case "tool":
      return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.name] } };
  }
}

function toGenerationConfig(request: ChatRequest): GeminiGenerationConfig {
  const sampling = request.sampling;
  const config: GeminiGenerationConfig = {};
  setIfDefined(config, "temperature", sampling.temperature);
  setIfDefined(config, "topP", sampling.topP);
  setIfDefined(config, "maxOutputTokens", sampling.maxOutputTokens);
  if (sampling.stop && sampling.stop.length > 0) config.stopSequences = sampling.stop;
  setIfDefined(config, "candidateCount", sampling.n);
  setIfDefined(config, "seed", sampling.seed);
  setIfDefined(config, "presencePenalty", sampling.presencePenalty);
  setIfDefined(config, "frequencyPenalty", sampling.frequencyPenalty);
  if (request.responseFormat) Object.assign(config, toResponseFormat(request.responseFormat));
  return config;
}

function toResponseFormat(format: ResponseFormat): GeminiGenerationConfig {
  if (format.type === "text") return {};
  if (format.type === "json_object") return { responseMimeType: "application/json" };
  const schema = cleanGeminiSchema(format.schema);
  return { responseMimeType: "application/json", ...(schema ? { responseSchema: schema } : {}) };
}

/** `models/gemini-2.5-flash` for a bare model id; a full resource name (models/…, tunedModels/…) is kept. */
export function geminiModelResource(upstreamModel: string): string {
  return /^(models|tunedModels)\//.test(upstreamModel) ? upstreamModel : `models/${upstreamModel}`;
}

/** One batchEmbedContents request per input; `providerOptions.gemini` (taskType, title) goes into each. */
export function toGeminiBatchEmbedBody(request: EmbeddingRequest, upstreamModel: string): Record<string, unknown> {
  const texts = request.input;
  if (!texts.every((item): item is string => typeof item === "string")) {
    throw new GatewayError("unsupported_feature", "Invalid 'input': Gemini embeds text only, not token arrays.", {
      param: "input",
    });
  }
  const extra = request.providerOptions.gemini ?? {};
  const model = geminiModelResource(upstreamModel);
  return {
    requests: texts.map((text) =>
      Object.assign(
        {},
        extra,
        { model, content: { parts: [{ text }] } },
        request.dimensions === undefined ? undefined : { outputDimensionality: request.dimensions },
      ),
    ),
  };
}
