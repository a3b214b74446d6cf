import type { ChatDialect } from "../chat-dialect.js";
import { decodeAnthropicMessagesRequest } from "./decode-request.js";
import { encodeAnthropicError } from "./encode-error.js";
import { encodeAnthropicMessagesResponse } from "./encode-response.js";
import { AnthropicMessagesStreamEncoder } from "./encode-stream.js";

/** Anthropic's Messages API as a client dialect: `@anthropic-ai/sdk` applications can use any model. */
export const anthropicMessagesDialect: ChatDialect = {
  name: "anthropic-messages",
  wireFormat: "anthropic-messages",
  decodeRequest: decodeAnthropicMessagesRequest,
  encodeResponse: encodeAnthropicMessagesResponse,
  createStreamEncoder: (request, forwardBytes) => new AnthropicMessagesStreamEncoder(request.model, forwardBytes),
  encodeError: encodeAnthropicError,
};
