import { OPENAI_COMPATIBLE_PRESETS } from "./openai-compatible/presets.js";

/** A provider entry as it would appear under `providers:` in a config file. */
export type RawProviderEntry = Record<string, unknown> & { type: string };

/**
 * The providers a config-less start enables: each one whose usual key variable is set.
 * Provider names match their type, so `openai/gpt-4o` and `groq/llama-3.1-8b-instant` just work.
 */
export function providersFromEnv(env: NodeJS.ProcessEnv): Record<string, RawProviderEntry> {
  const providers: Record<string, RawProviderEntry> = {};
  if (env.OPENAI_API_KEY) {
    providers.openai = {
      type: "openai",
      apiKey: env.OPENAI_API_KEY,
      ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}),
      models: ["gpt-4o", "gpt-4o-mini", "text-embedding-3-small"],
    };
  }
  if (env.AZURE_OPENAI_API_KEY && env.AZURE_OPENAI_ENDPOINT) {
    providers.azure = {
      type: "azure",
      apiKey: env.AZURE_OPENAI_API_KEY,
      baseUrl: env.AZURE_OPENAI_ENDPOINT,
      ...(env.OPENAI_API_VERSION ? { apiVersion: env.OPENAI_API_VERSION } : {}),
    };
  }
  if (env.ANTHROPIC_API_KEY) {
    providers.anthropic = {
      type: "anthropic",
      apiKey: env.ANTHROPIC_API_KEY,
      models: ["claude-sonnet-4-5", "claude-haiku-4-5"],
    };
  }
  const geminiKey = env.GEMINI_API_KEY || env.GOOGLE_API_KEY;
  if (geminiKey)
    providers.gemini = { type: "gemini", apiKey: geminiKey, models: ["gemini-2.5-flash", "gemini-2.5-pro"] };
  const cohereKey = env.COHERE_API_KEY || env.CO_API_KEY;
  if (cohereKey) providers.cohere = { type: "cohere", apiKey: cohereKey };
  const awsRegion = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && awsRegion)
    providers.bedrock = { type: "bedrock", region: awsRegion };
  if (env.OLLAMA_HOST) {
    const host = env.OLLAMA_HOST.startsWith("http") ? env.OLLAMA_HOST : `http://${env.OLLAMA_HOST}`;
    providers.ollama = { type: "ollama", baseUrl: host };
  }
  for (const [type, preset] of Object.entries(OPENAI_COMPATIBLE_PRESETS)) {
    const variable = "apiKeyEnv" in preset ? preset.apiKeyEnv : undefined;
    if (variable && env[variable]) providers[type] = { type, apiKey: env[variable] };
  }
  return providers;
}
