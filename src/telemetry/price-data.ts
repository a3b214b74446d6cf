import type { ModelPrice } from "../config/auth-schema.js";

/**
 * Shipped list prices in USD per million tokens, by provider type, then model (dated snapshots
 * such as gpt-4o-2024-08-06 or claude-sonnet-4-5-20250929 fall back to their base name).
 * Public list prices as of late 2025; override or extend them with `auth.prices` in the config.
 * A model that is not here has an unknown cost, never zero.
 */
export const SHIPPED_PRICES: Readonly<Record<string, Readonly<Record<string, ModelPrice>>>> = {
  openai: {
    "gpt-5": { inputPerMillion: 1.25, outputPerMillion: 10, cachedInputPerMillion: 0.125 },
    "gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2, cachedInputPerMillion: 0.025 },
    "gpt-5-nano": { inputPerMillion: 0.05, outputPerMillion: 0.4, cachedInputPerMillion: 0.005 },
    "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 },
    "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6, cachedInputPerMillion: 0.1 },
    "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.025 },
    "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10, cachedInputPerMillion: 1.25 },
    "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6, cachedInputPerMillion: 0.075 },
    "gpt-4-turbo": { inputPerMillion: 10, outputPerMillion: 30 },
    "gpt-3.5-turbo": { inputPerMillion: 0.5, outputPerMillion: 1.5 },
    o1: { inputPerMillion: 15, outputPerMillion: 60, cachedInputPerMillion: 7.5 },
    o3: { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 },
    "o3-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4, cachedInputPerMillion: 0.55 },
    "o4-mini": { inputPerMillion: 1.1, outputPerMillion: 4.4, cachedInputPerMillion: 0.275 },
    "text-embedding-3-small": { inputPerMillion: 0.02, outputPerMillion: 0 },
    "text-embedding-3-large": { inputPerMillion: 0.13, outputPerMillion: 0 },
    "text-embedding-ada-002": { inputPerMillion: 0.1, outputPerMillion: 0 },
  },
  anthropic: {
    "claude-opus-4-1": { inputPerMillion: 15, outputPerMillion: 75, cachedInputPerMillion: 1.5 },
    "claude-opus-4": { inputPerMillion: 15, outputPerMillion: 75, cachedInputPerMillion: 1.5 },
    "claude-sonnet-4-5": { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3 },
    "claude-sonnet-4": { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3 },
    "claude-3-7-sonnet": { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3 },
    "claude-3-5-sonnet": { inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3 },
    "claude-haiku-4-5": { inputPerMillion: 1, outputPerMillion: 5, cachedInputPerMillion: 0.1 },
    "claude-3-5-haiku": { inputPerMillion: 0.8, outputPerMillion: 4, cachedInputPerMillion: 0.08 },
    "claude-3-haiku": { inputPerMillion: 0.25, outputPerMillion: 1.25, cachedInputPerMillion: 0.03 },
  },
  gemini: {
    "gemini-2.5-pro": { inputPerMillion: 1.25, outputPerMillion: 10, cachedInputPerMillion: 0.31 },
    "gemini-2.5-flash": { inputPerMillion: 0.3, outputPerMillion: 2.5, cachedInputPerMillion: 0.075 },
    "gemini-2.5-flash-lite": { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.025 },
    "gemini-2.0-flash": { inputPerMillion: 0.1, outputPerMillion: 0.4, cachedInputPerMillion: 0.025 },
  },
  mistral: {
    "mistral-large-latest": { inputPerMillion: 2, outputPerMillion: 6 },
    "mistral-small-latest": { inputPerMillion: 0.1, outputPerMillion: 0.3 },
  },
  groq: {
    "llama-3.3-70b-versatile": { inputPerMillion: 0.59, outputPerMillion: 0.79 },
    "llama-3.1-8b-instant": { inputPerMillion: 0.05, outputPerMillion: 0.08 },
  },
  deepseek: {
    "deepseek-chat": { inputPerMillion: 0.27, outputPerMillion: 1.1, cachedInputPerMillion: 0.07 },
    "deepseek-reasoner": { inputPerMillion: 0.55, outputPerMillion: 2.19, cachedInputPerMillion: 0.14 },
  },
};
