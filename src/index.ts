/** The public API: the plugin contract and canonical types, and startGateway for embedding. */

export type { RunningGateway, StartOptions } from "./main.js";
export { startGateway } from "./main.js";
export * from "./spec/index.js";
