// Shared by the Bedrock adapter tests: a provider built against the mock, canonical requests, stream collection.
import type { ChatMessage } from "../../../src/contract/chat-message.js";
import type { ChatRequest } from "../../../src/contract/chat-request.js";
import type { CallAbort, ProviderAdapter, UpstreamCall } from "../../../src/contract/provider-adapter.js";
import { AbortScope } from "../../../src/outbound/abort-scope.js";
import { type BedrockConfig, bedrockConfigSchema } from "../../../src/providers/bedrock/config.js";
import { createBedrockProvider } from "../../../src/providers/bedrock/create-bedrock-provider.js";
import { DEFAULT_MOCK_BEDROCK_CREDENTIALS } from "../mock-bedrock-upstream.js";

export const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

export function bedrockConfig(fields: Record<string, unknown>): BedrockConfig {
  return bedrockConfigSchema.parse({ type: "bedrock", ...fields });
}

/** A provider signing with the mock's default credentials, or with the fields given. */
export function bedrockAgainst(
  url: string,
  fields: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
): ProviderAdapter {
  const { region, accessKeyId, secretAccessKey } = DEFAULT_MOCK_BEDROCK_CREDENTIALS;
  return createBedrockProvider(
    "bedrock",
    bedrockConfig({ baseUrl: url, region, accessKeyId, secretAccessKey, ...fields }),
    env,
  );
}

export function call(upstreamModel = HAIKU, abort: CallAbort = new AbortScope()): UpstreamCall {
  return { upstreamModel, abort, requestId: "req-test" };
}

export function userSays(text: string): ChatMessage {
  return { role: "user", content: [{ type: "text", text }] };
}

export function chatRequest(fields: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: `bedrock/${HAIKU}`,
    messages: [userSays("Hi")],
    sampling: {},
    stream: false,
    providerOptions: {},
    ...fields,
  };
}

export const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};
