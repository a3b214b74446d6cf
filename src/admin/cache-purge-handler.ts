import { z } from "zod";
import type { Plugin } from "../contract/plugin.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import { isCachePurger } from "../plugins/cache/cache-purger.js";
import { readAdminBody } from "./admin-request.js";
import { authorizeAdmin } from "./authorize-admin.js";

const purgeSchema = z
  .object({
    /** One namespace: "shared", "anonymous", "key:<id>" or "project:<id>". */
    namespace: z.string().min(1).optional(),
    /** One entry, by the x-switchyard-cache-key a response carried. */
    key: z.string().min(1).optional(),
  })
  .strict();

/**
 * POST /admin/cache/purge `{}` (all), `{ "namespace": … }` or `{ "key": … }`: removes entries
 * from every cache plugin of the running config, global and per virtual model.
 */
export async function handleCachePurge(exchange: Exchange): Promise<void> {
  authorizeAdmin(exchange);
  const body = await readAdminBody(exchange, purgeSchema);
  const { runtime } = exchange;
  const plugins = new Set<Plugin>(runtime.plugins.plugins);
  for (const model of Object.keys(runtime.config.models)) {
    for (const plugin of runtime.routes.resolve(model).plugins) plugins.add(plugin);
  }
  const purged: Array<{ plugin: string; removed: number }> = [];
  for (const plugin of plugins) {
    if (isCachePurger(plugin)) purged.push({ plugin: plugin.name, removed: await plugin.purgeCache(body) });
  }
  const removed = purged.reduce((sum, item) => sum + item.removed, 0);
  sendJson(exchange, 200, JSON.stringify({ object: "cache.purge", removed, plugins: purged }));
}
