// The ValidationExceptions Converse gives before generating anything (providers.md 5.2 and 5.7):
// turn order, blank text, one key per content block, toolConfig whenever tool blocks exist,
// tool results that answer the previous turn's tool uses, image formats, inference limits.

import { isJsonObject, type JsonObject, objectsIn } from "../mock-openai/wire.js";
import { type BedrockErrorReply, validation } from "./errors.js";

const BLOCK_KINDS = new Set([
  "text",
  "image",
  "document",
  "video",
  "audio",
  "toolUse",
  "toolResult",
  "reasoningContent",
  "cachePoint",
  "guardContent",
  "citationsContent",
]);
const IMAGE_FORMATS = new Set(["png", "jpeg", "gif", "webp"]);
const TOOL_USE_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export function converseRequestProblem(body: JsonObject): BedrockErrorReply | undefined {
  const messages = body["messages"];
  if (!Array.isArray(messages)) {
    return validation(
      "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
    );
  }
  const turns = objectsIn(messages);
  if (turns[0]?.["role"] !== "user") {
    return validation(
      "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
    );
  }
  let hasToolBlocks = false;
  for (const [index, turn] of turns.entries()) {
    const role = turn["role"];
    if (role !== "user" && role !== "assistant") return validation(`messages.${index}.role must be user or assistant.`);
    if (index > 0 && turns[index - 1]?.["role"] === role) {
      return validation(
        "A conversation must alternate between user and assistant roles. Make sure the conversation alternates " +
          "between user and assistant roles and try again.",
      );
    }
    const content = turn["content"];
    if (!Array.isArray(content) || content.length === 0) {
      return validation(
        `The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    }
    for (const [position, block] of content.entries()) {
      const where = `messages.${index}.content.${position}`;
      const problem = blockProblem(block, where, role === "user" ? turns[index - 1] : undefined);
      if (problem) return problem;
      if (isJsonObject(block) && ("toolUse" in block || "toolResult" in block)) hasToolBlocks = true;
    }
  }
  for (const [index, block] of objectsIn(body["system"]).entries()) {
    if (typeof block["text"] === "string" && block["text"].trim() === "") {
      return validation(
        `The text field in the SystemContentBlock object at system.${index} is blank. Add text to the text field, and try again.`,
      );
    }
  }
  const toolConfig = body["toolConfig"];
  if (hasToolBlocks && !isJsonObject(toolConfig)) {
    return validation("The toolConfig field must be defined when using toolUse and toolResult content blocks.");
  }
  if (isJsonObject(toolConfig) && objectsIn(toolConfig["tools"]).length === 0) {
    return validation("The value at toolConfig.tools is invalid: it must contain at least one tool.");
  }
  return inferenceProblem(body["inferenceConfig"]);
}

function blockProblem(
  block: unknown,
  where: string,
  previousTurn: JsonObject | undefined,
): BedrockErrorReply | undefined {
  if (!isJsonObject(block)) return validation(`The ContentBlock object at ${where} is not an object.`);
  const keys = Object.keys(block);
  if (keys.length !== 1 || !BLOCK_KINDS.has(keys[0] ?? "")) {
    return validation(
      `The ContentBlock object at ${where} must contain exactly one of: ${[...BLOCK_KINDS].join(", ")}.`,
    );
  }
  if ("text" in block && (typeof block["text"] !== "string" || block["text"].trim() === "")) {
    return validation(
      `The text field in the ContentBlock object at ${where} is blank. Add text to the text field, and try again.`,
    );
  }
  const image = block["image"];
  if (isJsonObject(image)) {
    const source = image["source"];
    if (!IMAGE_FORMATS.has(String(image["format"])))
      return validation(`The format of the image at ${where} is not supported.`);
    if (!isJsonObject(source) || (typeof source["bytes"] !== "string" && !isJsonObject(source["s3Location"]))) {
      return validation(`The image at ${where} needs source.bytes or source.s3Location.`);
    }
  }
  const toolUse = block["toolUse"];
  if (isJsonObject(toolUse) && !TOOL_USE_ID.test(String(toolUse["toolUseId"]))) {
    return validation(
      `The toolUseId at ${where}.toolUse failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`,
    );
  }
  const toolResult = block["toolResult"];
  if (isJsonObject(toolResult)) {
    const id = String(toolResult["toolUseId"]);
    const answered = objectsIn(previousTurn?.["content"]).some(
      (item) => isJsonObject(item["toolUse"]) && item["toolUse"]["toolUseId"] === id,
    );
    if (previousTurn?.["role"] !== "assistant" || !answered) {
      return validation(
        `The toolResult at ${where} has toolUseId ${id}, which no toolUse of the previous assistant turn has.`,
      );
    }
    if (objectsIn(toolResult["content"]).length === 0) {
      return validation(`The content of the toolResult at ${where} must not be empty.`);
    }
  }
  return undefined;
}

function inferenceProblem(config: unknown): BedrockErrorReply | undefined {
  if (config === undefined) return undefined;
  if (!isJsonObject(config)) return validation("The inferenceConfig field must be an object.");
  const maxTokens = config["maxTokens"];
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1)) {
    return validation(
      "1 validation error detected: Value at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  }
  const temperature = config["temperature"];
  if (temperature !== undefined && !(typeof temperature === "number" && temperature >= 0 && temperature <= 1)) {
    return validation("The model returned the following errors: temperature: range: 0..1");
  }
  return undefined;
}
