import { PLUGIN_API_VERSION, type PluginDefinition } from "../contract/plugin.js";
import { PluginLoadError } from "./plugin-load-error.js";

/**
 * Refuses a plugin written for another plugin API version. A definition without `apiVersion`
 * predates the field, so it was written for version 1.
 */
export function checkApiVersion(definition: PluginDefinition<unknown>, where: string): void {
  const version: unknown = definition.apiVersion ?? 1;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new PluginLoadError(
      `${where}: plugin "${definition.name}" has apiVersion ${JSON.stringify(version)}; ` +
        `set apiVersion: ${PLUGIN_API_VERSION} (a whole number) in its definePlugin({ … }).`,
    );
  }
  if (version !== PLUGIN_API_VERSION) {
    throw new PluginLoadError(
      `${where}: plugin "${definition.name}" is written for plugin API version ${version}, ` +
        `but this gateway supports version ${PLUGIN_API_VERSION}; use a release of the plugin ` +
        `written for version ${PLUGIN_API_VERSION}, or a gateway that supports version ${version}.`,
    );
  }
}
