import type { Logger } from "pino";
import type { SwitchyardConfig } from "../config/schema.js";
import type { PluginChain } from "../pipeline/plugin-chain.js";
import type { RouteTable } from "../router/route-table.js";
import type { HealthRegistry } from "../router/target-health.js";
import type { LogEvent } from "../spec/log-event.js";
import type { ProviderAdapter } from "../spec/provider-adapter.js";

/** Everything built from one version of the config; replaced as a whole on reload. */
export interface Runtime {
  readonly config: SwitchyardConfig;
  /** Unix seconds when this config was loaded (the `created` of listed models). */
  readonly loadedAt: number;
  readonly bodyLimit: number;
  readonly providers: ReadonlyMap<string, ProviderAdapter>;
  readonly routes: RouteTable;
  readonly plugins: PluginChain;
  /** Target health and circuits, shared by every runtime of the process. */
  readonly health: HealthRegistry;
  readonly logger: Logger;
  emitLog(event: LogEvent): void;
  readiness(): Promise<Record<string, string>>;
  /** Closes providers' pools and plugins; called once no request uses this runtime. */
  close(): Promise<void>;
}
