import type { PluginHooks } from "../contract/plugin.js";

/** The async hooks on the request path, which an entry's `timeoutMs` bounds. */
export const TIMED_HOOKS = [
  "onRequest",
  "onResponse",
  "onStreamStart",
  "onStreamEnd",
  "onEmbeddingRequest",
  "onEmbeddingResponse",
] as const satisfies ReadonlyArray<keyof PluginHooks>;

/** Every hook a plugin may have. */
export const ALL_HOOKS = [
  ...TIMED_HOOKS,
  "wrapChat",
  "onStreamEvent",
  "onError",
  "onLog",
  "close",
] as const satisfies ReadonlyArray<keyof PluginHooks>;
