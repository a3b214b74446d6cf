import { GatewayError } from "../contract/errors.js";
import type { Plugin } from "../contract/plugin.js";
import { ALL_HOOKS, TIMED_HOOKS } from "./plugin-hook-names.js";

/**
 * The plugin with each async request-path hook bounded by `timeoutMs`: a hook still running
 * then fails the request with plugin_timeout naming the plugin and the hook. Stream events are
 * synchronous and not timed; wrapChat spans the whole request; onLog and close are off the
 * request path.
 */
export function withHookTimeouts(plugin: Plugin, timeoutMs: number | undefined): Plugin {
  if (timeoutMs === undefined) return plugin;
  // A plain object of bound hooks: a class-based plugin keeps its `this` (and private fields).
  const timed: Record<string, unknown> = { name: plugin.name };
  for (const hook of ALL_HOOKS) {
    const original = plugin[hook] as ((...args: unknown[]) => unknown) | undefined;
    if (!original) continue;
    timed[hook] = (TIMED_HOOKS as readonly string[]).includes(hook)
      ? (...args: unknown[]) => race(plugin.name, hook, timeoutMs, () => original.apply(plugin, args))
      : original.bind(plugin);
  }
  return timed as unknown as Plugin;
}

async function race(name: string, hook: string, timeoutMs: number, run: () => unknown): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new GatewayError("plugin_timeout", `Plugin "${name}" took longer than ${timeoutMs} ms in ${hook}.`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
