/**
 * OpenAI-compatible vendors are rows of data, not folders: a base URL, how the key is sent,
 * the environment variable users usually keep it in, and request fields the vendor rejects.
 */
export interface OpenAICompatiblePreset {
  baseUrl: string;
  /** The usual environment variable of the vendor's key; undefined when no key is needed. */
  apiKeyEnv?: string;
  /** Whether a key is required to call the vendor at all. */
  requiresKey: boolean;
  /** Request fields the vendor answers with a 400; they are dropped before sending. */
  unsupportedFields?: readonly string[];
  /** Ask for usage in streams with stream_options.include_usage (some vendors reject the field). */
  streamUsageOption: boolean;
}

export const OPENAI_COMPATIBLE_PRESETS = {
  groq: {
    baseUrl: "https://api.groq.com/openai/v1",
    apiKeyEnv: "GROQ_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
  deepseek: {
    baseUrl: "https://api.deepseek.com/v1",
    apiKeyEnv: "DEEPSEEK_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
  together: {
    baseUrl: "https://api.together.xyz/v1",
    apiKeyEnv: "TOGETHER_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
  fireworks: {
    baseUrl: "https://api.fireworks.ai/inference/v1",
    apiKeyEnv: "FIREWORKS_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
  openrouter: {
    baseUrl: "https://openrouter.ai/api/v1",
    apiKeyEnv: "OPENROUTER_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
  mistral: {
    baseUrl: "https://api.mistral.ai/v1",
    apiKeyEnv: "MISTRAL_API_KEY",
    requiresKey: true,
    // Mistral sends usage in the last chunk unasked; the field itself is not documented there.
    streamUsageOption: false,
  },
  xai: { baseUrl: "https://api.x.ai/v1", apiKeyEnv: "XAI_API_KEY", requiresKey: true, streamUsageOption: true },
  "ollama-openai": { baseUrl: "http://127.0.0.1:11434/v1", requiresKey: false, streamUsageOption: true },
  vllm: { baseUrl: "http://127.0.0.1:8000/v1", requiresKey: false, streamUsageOption: true },
  dashscope: {
    baseUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
    apiKeyEnv: "DASHSCOPE_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
  moonshot: {
    baseUrl: "https://api.moonshot.ai/v1",
    apiKeyEnv: "MOONSHOT_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
  zhipu: {
    baseUrl: "https://open.bigmodel.cn/api/paas/v4",
    apiKeyEnv: "ZHIPU_API_KEY",
    requiresKey: true,
    streamUsageOption: true,
  },
} as const satisfies Record<string, OpenAICompatiblePreset>;

export type PresetName = keyof typeof OPENAI_COMPATIBLE_PRESETS;

export function findPreset(type: string): OpenAICompatiblePreset | undefined {
  return Object.hasOwn(OPENAI_COMPATIBLE_PRESETS, type) ? OPENAI_COMPATIBLE_PRESETS[type as PresetName] : undefined;
}
