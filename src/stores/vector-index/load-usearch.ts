import { createRequire } from "node:module";
import type * as Usearch from "usearch";

const require = createRequire(import.meta.url);

/**
 * usearch, a native addon of some 8 MB resident, loaded when the first graph is built: a flat scan
 * serves small sets, so a gateway whose caches and knowledge bases stay small never loads it.
 * Synchronous (require, not import()) because a graph is built inside `add`.
 */
export function loadUsearch(): typeof Usearch {
  return require("usearch") as typeof Usearch;
}
