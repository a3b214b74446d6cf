import type { ChatDialect } from "../chat-dialect.js";
import { decodeOpenAIChatRequest } from "./decode-request.js";
import { openAIErrorObject } from "./encode-error.js";
import { encodeOpenAIChatResponse } from "./encode-response.js";
import { OpenAIChatStreamEncoder } from "./encode-stream.js";

export const openAIChatDialect: ChatDialect = {
  name: "openai-chat",
  wireFormat: "openai-chat",
  decodeRequest: decodeOpenAIChatRequest,
  encodeResponse: encodeOpenAIChatResponse,
  createStreamEncoder: (request, forwardBytes) =>
    new OpenAIChatStreamEncoder(request.model, request.streamIncludeUsage === true, forwardBytes),
  encodeError: (error) => ({ error: openAIErrorObject(error) }),
};
