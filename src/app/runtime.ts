import type { Logger } from "pino";
import type { SwitchyardConfig } from "../config/schema.js";
import type { LogEvent } from "../contract/log-event.js";
import type { ProviderAdapter } from "../contract/provider-adapter.js";
import type { PluginChain } from "../pipeline/plugin-chain.js";
import type { GatewayKeys } from "../plugins/keys/gateway-keys.js";
import type { KnowledgeService } from "../rag/knowledge-service.js";
import type { RouteTable } from "../router/route-table.js";
import type { HealthRegistry } from "../router/target-health.js";
import type { TemplateStore } from "../stores/templates/template-store.js";
import type { RandomHex } from "../telemetry/random-hex.js";
import type { Telemetry } from "../telemetry/telemetry.js";

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
  /** Random ids for trace spans, drawn from a pool. */
  readonly ids: RandomHex;
  readonly logger: Logger;
  /** Stored prompt templates, for the admin API (migrated once, when the runtime is built). */
  readonly templates: TemplateStore;
  /** Gateway keys, projects and their counters (admin API, count_tokens); absent in hand-built test runtimes. */
  readonly keys?: GatewayKeys;
  /** The process's log sinks, log store and metrics (absent in tests that build a bare runtime). */
  readonly telemetry?: Telemetry;
  /** Knowledge bases for RAG (absent in tests that build a bare runtime). */
  readonly knowledge?: KnowledgeService;
  emitLog(event: LogEvent): void;
  readiness(): Promise<Record<string, string>>;
  /** Closes providers' pools and plugins; called once no request uses this runtime. */
  close(): Promise<void>;
}
