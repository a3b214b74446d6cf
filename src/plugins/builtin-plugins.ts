import type { BuiltinPlugins } from "../pipeline/load-plugins.js";

/** Built-in plugins by the name a config's `use:` gives; each later feature adds its row. */
export function builtinPlugins(): BuiltinPlugins {
  return new Map();
}
