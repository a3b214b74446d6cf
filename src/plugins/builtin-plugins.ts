import type { PluginDefinition } from "../contract/plugin.js";
import type { BuiltinPlugins } from "../pipeline/load-plugins.js";

type Definition = PluginDefinition<unknown>;

/**
 * Built-in plugins by the name a config's `use:` gives; each later feature adds its row. Each row
 * imports its plugin when a config uses it, so a plugin's dependencies (ajv, liquidjs, the RAG
 * loaders, …) cost nothing in a gateway that does not.
 */
export function builtinPlugins(): BuiltinPlugins {
  return new Map<string, () => Promise<Definition>>([
    ["cache", () => import("./cache/cache-plugin.js").then((module) => module.cachePlugin as Definition)],
    [
      "semantic-cache",
      () =>
        import("./semantic-cache/semantic-cache-plugin.js").then((module) => module.semanticCachePlugin as Definition),
    ],
    [
      "prompt-decorator",
      () => import("./prompt-decorator/prompt-decorator.js").then((module) => module.promptDecorator as Definition),
    ],
    [
      "prompt-template",
      () => import("./prompt-template/prompt-template.js").then((module) => module.promptTemplate as Definition),
    ],
    [
      "llm-transform",
      () => import("./llm-transform/llm-transform.js").then((module) => module.llmTransform as Definition),
    ],
    [
      "guard-regex",
      () => import("./guards/guard-regex/guard-regex.js").then((module) => module.guardRegex as Definition),
    ],
    ["guard-pii", () => import("./guards/guard-pii/guard-pii.js").then((module) => module.guardPii as Definition)],
    ["guard-llm", () => import("./guards/guard-llm/guard-llm.js").then((module) => module.guardLlm as Definition)],
    [
      "guard-semantic",
      () => import("./guards/guard-semantic/guard-semantic.js").then((module) => module.guardSemantic as Definition),
    ],
    [
      "guard-webhook",
      () => import("./guards/guard-webhook/guard-webhook.js").then((module) => module.guardWebhook as Definition),
    ],
    ["json-schema", () => import("./json-schema/json-schema.js").then((module) => module.jsonSchema as Definition)],
    ["rag", () => import("./rag/rag-plugin.js").then((module) => module.ragPlugin as Definition)],
  ]);
}
