import type { Plugin, PluginHooks } from "../../contract/plugin.js";
import type { PurgeSelector } from "../../stores/cache/cache-store.js";

/** A cache plugin the admin API can purge. */
export interface CachePurger extends PluginHooks {
  purgeCache(selector: PurgeSelector): Promise<number>;
}

export function isCachePurger(plugin: Plugin): plugin is Plugin & CachePurger {
  return typeof (plugin as Partial<CachePurger>).purgeCache === "function";
}
