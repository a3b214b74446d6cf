import type { BuiltinPlugins } from "../pipeline/load-plugins.js";
import type { PluginDefinition } from "../spec/plugin.js";
import { cachePlugin } from "./cache/cache-plugin.js";
import { guardLlm } from "./guards/guard-llm/guard-llm.js";
import { guardPii } from "./guards/guard-pii/guard-pii.js";
import { guardRegex } from "./guards/guard-regex/guard-regex.js";
import { guardSemantic } from "./guards/guard-semantic/guard-semantic.js";
import { guardWebhook } from "./guards/guard-webhook/guard-webhook.js";
import { jsonSchema } from "./json-schema/json-schema.js";
import { llmTransform } from "./llm-transform/llm-transform.js";
import { promptDecorator } from "./prompt-decorator/prompt-decorator.js";
import { promptTemplate } from "./prompt-template/prompt-template.js";
import { ragPlugin } from "./rag/rag-plugin.js";
import { semanticCachePlugin } from "./semantic-cache/semantic-cache-plugin.js";

/** Built-in plugins by the name a config's `use:` gives; each later feature adds its row. */
export function builtinPlugins(): BuiltinPlugins {
  return new Map<string, PluginDefinition<unknown>>([
    ["cache", cachePlugin as PluginDefinition<unknown>],
    ["semantic-cache", semanticCachePlugin as PluginDefinition<unknown>],
    ["prompt-decorator", promptDecorator as PluginDefinition<unknown>],
    ["prompt-template", promptTemplate as PluginDefinition<unknown>],
    ["llm-transform", llmTransform as PluginDefinition<unknown>],
    ["guard-regex", guardRegex as PluginDefinition<unknown>],
    ["guard-pii", guardPii as PluginDefinition<unknown>],
    ["guard-llm", guardLlm as PluginDefinition<unknown>],
    ["guard-semantic", guardSemantic as PluginDefinition<unknown>],
    ["guard-webhook", guardWebhook as PluginDefinition<unknown>],
    ["json-schema", jsonSchema as PluginDefinition<unknown>],
    ["rag", ragPlugin as PluginDefinition<unknown>],
  ]);
}
