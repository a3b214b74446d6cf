import { handleAnthropicCountTokens } from "../anthropic-messages/count-tokens-handler.js";
import { anthropicMessagesDialect } from "../anthropic-messages/dialect.js";
import { handleHealth, handleReady, handleRoot } from "../health/handlers.js";
import { handleListModels } from "../models/handler.js";
import { openAIChatDialect } from "../openai-chat/dialect.js";
import { handleOpenAIEmbeddings } from "../openai-embeddings/handler.js";
import type { RouteHandler } from "./exchange.js";
import { chatHandler } from "./handle-chat.js";

/** The route table of the data plane: path → method → handler. */
export function dataPlaneRoutes(): Map<string, Partial<Record<string, RouteHandler>>> {
  return new Map<string, Partial<Record<string, RouteHandler>>>([
    ["/v1/chat/completions", { POST: chatHandler(openAIChatDialect) }],
    ["/v1/messages", { POST: chatHandler(anthropicMessagesDialect) }],
    ["/v1/messages/count_tokens", { POST: handleAnthropicCountTokens }],
    ["/v1/embeddings", { POST: handleOpenAIEmbeddings }],
    ["/v1/models", { GET: handleListModels }],
    ["/", { GET: handleRoot }],
    ["/healthz", { GET: handleHealth }],
    ["/readyz", { GET: handleReady }],
  ]);
}
