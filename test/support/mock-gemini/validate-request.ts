// The 400s Gemini gives before generating anything: unknown fields (JSON Schema keywords in
// parameters included), roles other than user/model, empty parts, nameless function responses,
// and, for Gemini 3, a model turn whose first function call lost its thoughtSignature.
import { type ErrorReply, fieldViolation, invalidArgument, unknownField } from "./errors.js";
import { checksThoughtSignatures } from "./scenarios.js";
import { isValidThoughtSignature } from "./thought-signatures.js";
import { camelCase, field, isJsonObject, type JsonObject, objectField, objectsIn, partsOf } from "./wire.js";

const REQUEST = "GenerateContentRequest";

const REQUEST_FIELDS = [
  "model",
  "contents",
  "systemInstruction",
  "tools",
  "toolConfig",
  "generationConfig",
  "safetySettings",
  "cachedContent",
];
const CONTENT_FIELDS = ["role", "parts"];
const PART_DATA_FIELDS = [
  "text",
  "inlineData",
  "fileData",
  "functionCall",
  "functionResponse",
  "executableCode",
  "codeExecutionResult",
];
const PART_FIELDS = [...PART_DATA_FIELDS, "thought", "thoughtSignature", "videoMetadata", "partMetadata"];
const TOOL_FIELDS = ["functionDeclarations", "googleSearch", "googleSearchRetrieval", "codeExecution", "urlContext"];
const DECLARATION_FIELDS = ["name", "description", "parameters", "parametersJsonSchema", "response", "behavior"];
const GENERATION_FIELDS = [
  "stopSequences",
  "responseMimeType",
  "responseSchema",
  "responseJsonSchema",
  "responseModalities",
  "candidateCount",
  "maxOutputTokens",
  "temperature",
  "topP",
  "topK",
  "seed",
  "presencePenalty",
  "frequencyPenalty",
  "responseLogprobs",
  "logprobs",
  "thinkingConfig",
  "speechConfig",
  "mediaResolution",
];
/** Gemini's Schema message: an OpenAPI-3 subset. */
const SCHEMA_FIELDS = [
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
];
const FUNCTION_CALLING_MODES = new Set(["MODE_UNSPECIFIED", "AUTO", "ANY", "NONE", "VALIDATED"]);

/** The first name of `object` that is not a known field (in either spelling). */
function unknownName(object: JsonObject, known: readonly string[]): string | undefined {
  return Object.keys(object).find((name) => !known.includes(camelCase(name)));
}

function checkFields(object: JsonObject, known: readonly string[], at?: string): ErrorReply | undefined {
  const name = unknownName(object, known);
  return name === undefined ? undefined : unknownField(name, at);
}

export function validateGenerateContent(body: JsonObject, model: string): ErrorReply | undefined {
  return (
    checkFields(body, REQUEST_FIELDS) ??
    validateContents(body) ??
    validateSystemInstruction(body) ??
    validateTools(body) ??
    validateToolConfig(body) ??
    validateGenerationConfig(body) ??
    (checksThoughtSignatures(model) ? validateThoughtSignatures(body) : undefined)
  );
}

function validateContents(body: JsonObject): ErrorReply | undefined {
  const contents = field(body, "contents");
  if (!Array.isArray(contents) || contents.length === 0) {
    return fieldViolation(REQUEST, "contents", "contents is not specified");
  }
  for (const [index, content] of contents.entries()) {
    if (!isJsonObject(content)) return invalidArgument(`Invalid value at 'contents[${index}]', "${String(content)}"`);
    const problem = checkFields(content, CONTENT_FIELDS, `contents[${index}]`);
    if (problem) return problem;
    const role = content["role"];
    if (role !== undefined && role !== "user" && role !== "model") {
      return invalidArgument("Please use a valid role: user, model.");
    }
    const partsProblem = validateParts(content, `contents[${index}]`);
    if (partsProblem) return partsProblem;
  }
  return undefined;
}

function validateSystemInstruction(body: JsonObject): ErrorReply | undefined {
  const instruction = objectField(body, "systemInstruction");
  if (!instruction) return undefined;
  return (
    checkFields(instruction, CONTENT_FIELDS, "system_instruction") ?? validateParts(instruction, "system_instruction")
  );
}

function validateParts(content: JsonObject, at: string): ErrorReply | undefined {
  const parts = field(content, "parts");
  if (!Array.isArray(parts) || parts.length === 0) {
    return fieldViolation(REQUEST, `${at}.parts`, "contents.parts must not be empty.");
  }
  for (const [index, part] of parts.entries()) {
    const path = `${at}.parts[${index}]`;
    if (!isJsonObject(part)) return invalidArgument(`Invalid value at '${path}', "${String(part)}"`);
    const problem = checkFields(part, PART_FIELDS, path);
    if (problem) return problem;
    const data = PART_DATA_FIELDS.filter((name) => field(part, name) !== undefined);
    const emptyText = data.length === 1 && part["text"] === "" && field(part, "thoughtSignature") === undefined;
    if (data.length === 0 || emptyText) {
      return fieldViolation(REQUEST, `${path}.data`, "required oneof field 'data' must have one initialized field");
    }
    if (data.length > 1) {
      return invalidArgument(`Invalid value at '${path}': oneof field 'data' is already set. Cannot set '${data[1]}'`);
    }
    const response = objectField(part, "functionResponse");
    if (response && (typeof response["name"] !== "string" || response["name"] === "")) {
      return fieldViolation(REQUEST, `${path}.function_response.name`, "Name cannot be empty.");
    }
    const call = objectField(part, "functionCall");
    if (call && (typeof call["name"] !== "string" || call["name"] === "")) {
      return fieldViolation(REQUEST, `${path}.function_call.name`, "Name cannot be empty.");
    }
  }
  return undefined;
}

function validateTools(body: JsonObject): ErrorReply | undefined {
  for (const [toolIndex, tool] of objectsIn(field(body, "tools")).entries()) {
    const at = `tools[${toolIndex}]`;
    const problem = checkFields(tool, TOOL_FIELDS, at);
    if (problem) return problem;
    for (const [index, declaration] of objectsIn(field(tool, "functionDeclarations")).entries()) {
      const path = `${at}.function_declarations[${index}]`;
      const declarationProblem = checkFields(declaration, DECLARATION_FIELDS, path);
      if (declarationProblem) return declarationProblem;
      const name = declaration["name"];
      if (typeof name !== "string" || !/^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/.test(name)) {
        return fieldViolation(
          REQUEST,
          `${path}.name`,
          "Invalid function name. Must start with a letter or an underscore.",
        );
      }
      const parameters = declaration["parameters"];
      if (parameters !== undefined) {
        const schemaProblem = validateSchema(parameters, `${path}.parameters`, true);
        if (schemaProblem) return schemaProblem;
      }
    }
  }
  return undefined;
}

/** Every keyword must be one Gemini's Schema has; function parameters may not hold an OBJECT without properties. */
function validateSchema(schema: unknown, at: string, requireProperties: boolean): ErrorReply | undefined {
  if (!isJsonObject(schema)) return invalidArgument(`Invalid value at '${at}', "${String(schema)}"`);
  const problem = checkFields(schema, SCHEMA_FIELDS, at);
  if (problem) return problem;
  const type = typeof schema["type"] === "string" ? schema["type"].toUpperCase() : undefined;
  const properties = objectField(schema, "properties");
  if (requireProperties && type === "OBJECT" && Object.keys(properties ?? {}).length === 0) {
    return fieldViolation(REQUEST, `${at}.properties`, "should be non-empty for OBJECT type");
  }
  const children: Array<[unknown, string]> = Object.entries(properties ?? {}).map(([, value], index) => [
    value,
    `${at}.properties[${index}].value`,
  ]);
  const items = field(schema, "items");
  if (items !== undefined) children.push([items, `${at}.items`]);
  for (const [index, branch] of (Array.isArray(schema["anyOf"]) ? schema["anyOf"] : []).entries()) {
    children.push([branch, `${at}.any_of[${index}]`]);
  }
  for (const [child, path] of children) {
    const childProblem = validateSchema(child, path, false);
    if (childProblem) return childProblem;
  }
  return undefined;
}

function validateToolConfig(body: JsonObject): ErrorReply | undefined {
  const config = objectField(objectField(body, "toolConfig"), "functionCallingConfig");
  const mode = config ? config["mode"] : undefined;
  if (mode === undefined || (typeof mode === "string" && FUNCTION_CALLING_MODES.has(mode))) return undefined;
  return invalidArgument(
    "Invalid value at 'tool_config.function_calling_config.mode' " +
      `(type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${String(mode)}"`,
  );
}

function validateGenerationConfig(body: JsonObject): ErrorReply | undefined {
  const config = objectField(body, "generationConfig");
  if (!config) return undefined;
  const problem = checkFields(config, GENERATION_FIELDS, "generation_config");
  if (problem) return problem;
  const schema = field(config, "responseSchema");
  return schema === undefined ? undefined : validateSchema(schema, "generation_config.response_schema", false);
}

function validateThoughtSignatures(body: JsonObject): ErrorReply | undefined {
  for (const [index, content] of objectsIn(field(body, "contents")).entries()) {
    if (content["role"] !== "model") continue;
    const first = partsOf(content).find((part) => objectField(part, "functionCall") !== undefined);
    if (!first) continue;
    const signature = field(first, "thoughtSignature");
    const name = objectField(first, "functionCall")?.["name"];
    if (signature === undefined) {
      return invalidArgument(
        "Function call is missing a thought_signature in functionCall parts. This is required for tools to work " +
          "correctly, and missing thought_signature may lead to degraded model performance. Additional data, function " +
          `call \`default_api:${String(name)}\` , position ${index + 1}. Please refer to ` +
          "https://ai.google.dev/gemini-api/docs/thought-signatures for more details.",
      );
    }
    if (!isValidThoughtSignature(signature)) return invalidArgument("Thought signature is not valid.");
  }
  return undefined;
}
