import { z } from "zod";
import type { ChatMessage } from "../../contract/chat-message.js";
import { GatewayError } from "../../contract/errors.js";
import { definePlugin, type PluginServices } from "../../contract/plugin.js";
import { TemplateStore } from "../../stores/templates/template-store.js";
import type { BuiltinPluginServices } from "../builtin-plugin-services.js";
import { inScope, pluginScopeSchema } from "../guards/shared/guard-scope.js";
import { checkVariables } from "./check-variables.js";
import { readTemplateCall } from "./read-template-call.js";
import {
  type CompiledTemplate,
  compileTemplate,
  templateDefinitionSchema,
  templateNameSchema,
} from "./template-definition.js";
import { createTemplateEngine } from "./template-engine.js";

const optionsSchema = z
  .object({
    /** Templates from the config; several entries of one name are its versions. */
    templates: z
      .array(
        templateDefinitionSchema.extend({
          name: templateNameSchema,
          version: z.number().int().positive().default(1),
        }),
      )
      .default([]),
    /** Also serve templates created through the admin API (names not in the config). */
    useStore: z.boolean().default(true),
    /** Refuse requests that name no template. */
    requireTemplate: z.boolean().default(false),
    when: pluginScopeSchema.optional(),
  })
  .strict();

/** Stored versions never change, so a compiled one can be kept; this bounds how many. */
const MAX_CACHED_VERSIONS = 1_000;

function hasStorage(services: PluginServices): services is BuiltinPluginServices {
  return "storage" in services;
}

/** prompt-template: a request names a versioned template and its typed variables; its messages go first. */
export const promptTemplate = definePlugin({
  name: "prompt-template",
  apiVersion: 1,
  options: optionsSchema,
  async create(options, services) {
    const engine = createTemplateEngine();
    const configured = new Map<string, CompiledTemplate[]>();
    for (const template of options.templates) {
      const { name, version, ...definition } = template;
      const versions = configured.get(name) ?? [];
      if (versions.some((existing) => existing.version === version)) {
        throw new Error(`template "${name}" has version ${version} twice`);
      }
      versions.push(compileTemplate(engine, name, version, definition));
      configured.set(
        name,
        versions.sort((a, b) => a.version - b.version),
      );
    }
    const store = options.useStore && hasStorage(services) ? await TemplateStore.open(services.storage) : undefined;
    const cache = new Map<string, CompiledTemplate>();

    async function find(name: string, version: number | undefined): Promise<CompiledTemplate | undefined> {
      const versions = configured.get(name);
      if (versions) return version === undefined ? versions.at(-1) : versions.find((each) => each.version === version);
      if (!store) return undefined;
      const cached = version === undefined ? undefined : cache.get(`${name}@${version}`);
      if (cached) return cached;
      const stored = await store.get(name, version);
      if (!stored) return undefined;
      const key = `${stored.name}@${stored.version}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const compiled = compileTemplate(
        engine,
        stored.name,
        stored.version,
        templateDefinitionSchema.parse(JSON.parse(stored.body)),
      );
      if (cache.size >= MAX_CACHED_VERSIONS) cache.clear();
      cache.set(key, compiled);
      return compiled;
    }

    return {
      async onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        const call = readTemplateCall(ctx);
        if (!call) {
          if (options.requireTemplate) {
            throw new GatewayError("invalid_request", "This gateway needs a prompt template: set `template`.", {
              param: "template",
            });
          }
          return;
        }
        const template = await find(call.name, call.version);
        if (!template) {
          const which = call.version === undefined ? `"${call.name}"` : `"${call.name}" version ${call.version}`;
          throw new GatewayError("template_not_found", `There is no prompt template ${which}.`, {
            param: "template",
          });
        }
        const values = checkVariables(template.name, template.definition, call.variables);
        const rendered: ChatMessage[] = [];
        for (const [index, message] of template.definition.messages.entries()) {
          let text: string;
          try {
            text = await engine.render(template.parsed[index] ?? [], values);
          } catch (error) {
            throw new GatewayError(
              "template_invalid",
              `Template "${template.name}" version ${template.version} failed to render: ${(error as Error).message}`,
              { param: "template" },
            );
          }
          rendered.push({ role: message.role, content: [{ type: "text", text }] });
        }
        ctx.request.messages = [...rendered, ...ctx.request.messages];
        ctx.logFields.template = { name: template.name, version: template.version };
      },
    };
  },
});
