import type { PluginEntry } from "../config/schema.js";
import type { Plugin, PluginDefinition, PluginHooks, PluginServices } from "../contract/plugin.js";
import { checkApiVersion } from "./check-api-version.js";
import { namePlugin } from "./name-plugin.js";
import { PluginLoadError } from "./plugin-load-error.js";
import { resolvePluginEntry } from "./resolve-plugin-entry.js";
import { withHookTimeouts } from "./with-hook-timeouts.js";

export { PluginLoadError };

/** Built-in plugins by name; each is imported when a config first uses it. */
export type BuiltinPlugins = ReadonlyMap<string, () => Promise<PluginDefinition<unknown>>>;

/**
 * Creates the plugins a config lists: built-ins by name, user plugins by path (TypeScript
 * files are loaded through tsx) or npm package name. Options are validated by the plugin's schema.
 */
export async function loadPlugins(
  entries: readonly PluginEntry[],
  field: string,
  builtins: BuiltinPlugins,
  services: PluginServices,
): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  for (const [index, entry] of entries.entries()) {
    if (!entry.enabled) continue;
    const where = `${field}[${index}]`;
    const loadBuiltin = builtins.get(entry.use);
    const definition = loadBuiltin
      ? await loadBuiltin()
      : await importDefinition(entry.use, where, services.configDirectory);
    checkApiVersion(definition, where);
    let options: unknown = entry.with;
    if (definition.options) {
      const parsed = definition.options.safeParse(entry.with);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) =>
            `${where}.with${issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("")}: ${issue.message}`,
        );
        throw new PluginLoadError(problems.join("\n"));
      }
      options = parsed.data;
    }
    let hooks: PluginHooks;
    try {
      hooks = await definition.create(options, services);
    } catch (error) {
      throw new PluginLoadError(`${where}: plugin "${definition.name}" failed to start: ${(error as Error).message}`);
    }
    plugins.push(withHookTimeouts(namePlugin(hooks, definition.name, where), entry.timeoutMs));
  }
  return plugins;
}

async function importDefinition(
  use: string,
  where: string,
  configDirectory: string,
): Promise<PluginDefinition<unknown>> {
  let module: { default?: unknown };
  try {
    const { specifier, typescript } = resolvePluginEntry(use, configDirectory);
    if (typescript) {
      const { tsImport } = await import("tsx/esm/api");
      module = (await tsImport(specifier, import.meta.url)) as { default?: unknown };
    } else {
      module = (await import(specifier)) as { default?: unknown };
    }
  } catch (error) {
    throw new PluginLoadError(`${where}.use: cannot load plugin "${use}": ${(error as Error).message}`);
  }
  const definition = module.default;
  if (!isPluginDefinition(definition)) {
    throw new PluginLoadError(`${where}.use: "${use}" has no default export made with definePlugin({ name, create })`);
  }
  return definition;
}

function isPluginDefinition(value: unknown): value is PluginDefinition<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { name?: unknown }).name === "string" &&
    typeof (value as { create?: unknown }).create === "function"
  );
}
