/** The public API: the plugin contract and canonical types, and startGateway for embedding. */

export * from "./contract/index.js";
export type { RunningGateway, StartOptions } from "./main.js";
export { startGateway } from "./main.js";
