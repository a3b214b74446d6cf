import { DEFAULT_MOCK_ANTHROPIC_API_KEY, startMockAnthropicUpstream } from "../support/mock-anthropic-upstream.js";
import { DEFAULT_MOCK_BEDROCK_CREDENTIALS, startMockBedrockUpstream } from "../support/mock-bedrock-upstream.js";
import { DEFAULT_MOCK_COHERE_API_KEY, startMockCohereUpstream } from "../support/mock-cohere-upstream.js";
import { DEFAULT_MOCK_GEMINI_API_KEY, startMockGeminiUpstream } from "../support/mock-gemini-upstream.js";
import { startMockOllamaUpstream } from "../support/mock-ollama-upstream.js";
import { DEFAULT_MOCK_API_KEY, startMockOpenAIUpstream } from "../support/mock-openai-upstream.js";

/** What the conformance suite needs of a running mock upstream. */
export interface RunningMock {
  url: string;
  lastRequest(): { path: string; headers: Record<string, string>; body: unknown } | undefined;
  close(): Promise<void>;
}

/** One provider under test: how to start its mock, its config entry, and what its wire requests look like. */
export interface ProviderCase {
  name: string;
  model: string;
  start(): Promise<RunningMock>;
  config(mock: RunningMock): Record<string, unknown>;
  /** The upstream path of a plain (non-streamed) chat request for `model`. */
  chatPath: string | RegExp;
  /** The exact upstream body of the plain case: system "Be brief.", user "Hello there", 100 output tokens. */
  plainBody: unknown;
  /** Checks the auth the upstream received. */
  auth(headers: Record<string, string>): boolean;
  /** Why a case is skipped, if it is. */
  skip?: Partial<Record<"image" | "tools", string>>;
}

export const PROVIDER_CASES: ProviderCase[] = [
  {
    name: "openai",
    model: "gpt-4o-mini",
    start: () => startMockOpenAIUpstream(),
    config: (mock) => ({ type: "openai", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY }),
    plainBody: {
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      max_completion_tokens: 100,
    },
    chatPath: "/v1/chat/completions",
    auth: (headers) => headers.authorization === `Bearer ${DEFAULT_MOCK_API_KEY}`,
  },
  {
    name: "azure",
    model: "gpt-4o",
    start: () => startMockOpenAIUpstream({ azure: { apiKey: "azure-key" } }),
    config: (mock) => ({ type: "azure", baseUrl: mock.url, apiKey: "azure-key", deployments: { "gpt-4o": "prod-4o" } }),
    plainBody: {
      model: "gpt-4o",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      max_completion_tokens: 100,
    },
    chatPath: "/openai/deployments/prod-4o/chat/completions",
    auth: (headers) => headers["api-key"] === "azure-key",
  },
  {
    name: "groq",
    model: "llama-3.1-8b-instant",
    start: () => startMockOpenAIUpstream(),
    config: (mock) => ({ type: "groq", baseUrl: `${mock.url}/v1`, apiKey: DEFAULT_MOCK_API_KEY }),
    plainBody: {
      model: "llama-3.1-8b-instant",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      max_tokens: 100,
    },
    chatPath: "/v1/chat/completions",
    auth: (headers) => headers.authorization === `Bearer ${DEFAULT_MOCK_API_KEY}`,
  },
  {
    name: "anthropic",
    model: "claude-sonnet-4-5",
    start: () => startMockAnthropicUpstream(),
    config: (mock) => ({ type: "anthropic", baseUrl: mock.url, apiKey: DEFAULT_MOCK_ANTHROPIC_API_KEY }),
    plainBody: {
      model: "claude-sonnet-4-5",
      system: "Be brief.",
      messages: [{ role: "user", content: "Hello there" }],
      max_tokens: 100,
    },
    chatPath: "/v1/messages",
    auth: (headers) =>
      headers["x-api-key"] === DEFAULT_MOCK_ANTHROPIC_API_KEY && headers["anthropic-version"] === "2023-06-01",
  },
  {
    name: "gemini",
    model: "gemini-2.5-flash",
    start: () => startMockGeminiUpstream(),
    config: (mock) => ({ type: "gemini", baseUrl: mock.url, apiKey: DEFAULT_MOCK_GEMINI_API_KEY }),
    plainBody: {
      contents: [{ role: "user", parts: [{ text: "Hello there" }] }],
      systemInstruction: { parts: [{ text: "Be brief." }] },
      generationConfig: { maxOutputTokens: 100 },
    },
    chatPath: "/v1beta/models/gemini-2.5-flash:generateContent",
    auth: (headers) => headers["x-goog-api-key"] === DEFAULT_MOCK_GEMINI_API_KEY,
  },
  {
    name: "bedrock",
    model: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    start: () => startMockBedrockUpstream(),
    config: (mock) => ({ type: "bedrock", baseUrl: mock.url, ...DEFAULT_MOCK_BEDROCK_CREDENTIALS }),
    plainBody: {
      messages: [{ role: "user", content: [{ text: "Hello there" }] }],
      system: [{ text: "Be brief." }],
      inferenceConfig: { maxTokens: 100 },
    },
    chatPath: "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse",
    auth: (headers) => (headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 Credential=AKIAMOCKBEDROCK00001/"),
  },
  {
    name: "cohere",
    model: "command-r-plus",
    start: () => startMockCohereUpstream(),
    config: (mock) => ({ type: "cohere", baseUrl: mock.url, apiKey: DEFAULT_MOCK_COHERE_API_KEY }),
    plainBody: {
      model: "command-r-plus",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      max_tokens: 100,
      stream: false,
    },
    chatPath: "/v2/chat",
    auth: (headers) => headers.authorization === `Bearer ${DEFAULT_MOCK_COHERE_API_KEY}`,
  },
  {
    name: "ollama",
    model: "llama3.1",
    start: () => startMockOllamaUpstream(),
    config: (mock) => ({ type: "ollama", baseUrl: mock.url }),
    plainBody: {
      model: "llama3.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello there" },
      ],
      options: { num_predict: 100 },
      stream: false,
    },
    chatPath: "/api/chat",
    auth: () => true,
  },
];
