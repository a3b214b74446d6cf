import { createRequire } from "node:module";
import type { Dispatcher, Agent as UndiciAgent, Pool as UndiciPool } from "undici";

// undici's index also loads fetch, WebSocket, EventSource, the cache stores and their parsers:
// about 9 MB of resident memory that the gateway never uses (see docs/performance.md, Memory at
// rest and at the peak). Only the dispatcher classes and the request API are loaded, from the
// files that index re-exports. The lockfile pins the version;
// undici-dispatchers.test.ts fails at once if a new release moves them.
const require = createRequire(import.meta.url);

export const Pool = require("undici/lib/dispatcher/pool.js") as typeof UndiciPool;
export const Agent = require("undici/lib/dispatcher/agent.js") as typeof UndiciAgent;

const requestApi = require("undici/lib/api/api-request.js") as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

/** `dispatcher.request(options)`: undici's index adds that method to every dispatcher; this module does not load the index. */
export function requestWith(
  dispatcher: Dispatcher,
  options: Dispatcher.RequestOptions,
): Promise<Dispatcher.ResponseData> {
  return requestApi.call(dispatcher, options);
}
