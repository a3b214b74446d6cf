import type { Plugin, PluginHooks } from "../contract/plugin.js";
import { ALL_HOOKS } from "./plugin-hook-names.js";
import { PluginLoadError } from "./plugin-load-error.js";

/**
 * The hooks `create` returned, under their definition's name. Hooks that still carry a name
 * (the shape before names were given once) are accepted when it is the same one.
 */
export function namePlugin(hooks: PluginHooks, name: string, where: string): Plugin {
  if (typeof hooks !== "object" || hooks === null) {
    throw new PluginLoadError(
      `${where}: plugin "${name}"'s create() returned ${String(hooks)}, not an object of hooks.`,
    );
  }
  if (hooks.name !== undefined) {
    if (hooks.name === name) return hooks as Plugin;
    throw new PluginLoadError(
      `${where}: plugin "${name}"'s create() returns hooks named "${String(hooks.name)}"; ` +
        `leave \`name\` out of the object create() returns: definePlugin's name ("${name}") is the plugin's name.`,
    );
  }
  // The same object, so a class-based plugin keeps its `this` and any extra methods.
  if (Object.isExtensible(hooks)) return Object.assign(hooks, { name });
  const named: Record<string, unknown> = { name };
  for (const hook of ALL_HOOKS) {
    const original = hooks[hook] as ((...args: unknown[]) => unknown) | undefined;
    if (original) named[hook] = original.bind(hooks);
  }
  return named as unknown as Plugin;
}
