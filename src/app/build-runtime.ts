import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { LoadedConfig } from "../config/load-config.js";
import { parseByteSize } from "../config/parse-byte-size.js";
import type { LogEvent } from "../contract/log-event.js";
import type { Plugin } from "../contract/plugin.js";
import type { ProviderAdapter } from "../contract/provider-adapter.js";
import { loadPlugins } from "../pipeline/load-plugins.js";
import { createModelClient } from "../pipeline/model-client.js";
import { PluginChain } from "../pipeline/plugin-chain.js";
import type { BuiltinPluginServices } from "../plugins/builtin-plugin-services.js";
import { builtinPlugins } from "../plugins/builtin-plugins.js";
import { GatewayKeys } from "../plugins/keys/gateway-keys.js";
import { createKeysPlugin } from "../plugins/keys/keys-plugin.js";
import { createProvider } from "../providers/create-provider.js";
import type { KnowledgeService } from "../rag/knowledge-service.js";
import { RouteTable } from "../router/route-table.js";
import type { HealthRegistry } from "../router/target-health.js";
import type { Storage } from "../stores/storage.js";
import { TemplateStore } from "../stores/templates/template-store.js";
import { createPriceTable } from "../telemetry/price-table.js";
import { RandomHex } from "../telemetry/random-hex.js";
import type { Telemetry } from "../telemetry/telemetry.js";
import type { Runtime } from "./runtime.js";

export interface ProcessServices {
  logger: Logger;
  storage: Storage;
  /** Shared Redis when `redis.url` is set. */
  redis?: Redis;
  health: HealthRegistry;
  /** Log sinks, log store and metrics; owned by the process so queued events outlive a reload. */
  telemetry?: Telemetry;
  /** Knowledge bases and their in-memory vector indexes (RAG), shared by every runtime. */
  knowledge?: KnowledgeService;
  /** False once shutdown has begun. */
  isAccepting(): boolean;
}

/** Builds providers, plugins and routes from a loaded config. Throws with the field at fault. */
export async function buildRuntime(loaded: LoadedConfig, services: ProcessServices): Promise<Runtime> {
  const { config } = loaded;
  const logger = services.logger;
  const providers = new Map<string, ProviderAdapter>();
  const closeProviders = () => Promise.allSettled([...providers.values()].map((provider) => provider.close()));
  let keys: GatewayKeys | undefined;
  try {
    for (const [name, providerConfig] of Object.entries(config.providers)) {
      providers.set(name, await createProvider(name, providerConfig));
    }
    let built: Runtime | undefined;
    const pluginServices: BuiltinPluginServices = {
      configDirectory: loaded.directory,
      storage: services.storage,
      redis: services.redis,
      knowledge: services.knowledge,
      models: createModelClient(() => {
        if (!built) throw new Error("models cannot be called while plugins are being created");
        return built;
      }),
      logger: {
        info: (message, fields) => logger.info(fields ?? {}, message),
        warn: (message, fields) => logger.warn(fields ?? {}, message),
        error: (message, fields) => logger.error(fields ?? {}, message),
      },
    };
    const builtins = builtinPlugins();
    keys = await GatewayKeys.open({
      auth: config.auth,
      storage: services.storage,
      redis: services.redis,
      prices: createPriceTable(config.auth.prices),
      warn: pluginServices.logger.warn,
    });
    // Gateway keys run before every other plugin: nothing runs for a caller not yet known.
    const globalPlugins = [
      createKeysPlugin(keys, config, pluginServices.logger),
      ...(await loadPlugins(config.plugins, "plugins", builtins, pluginServices)),
    ];
    const modelPlugins = new Map<string, Plugin[]>();
    for (const [name, model] of Object.entries(config.models)) {
      modelPlugins.set(name, await loadPlugins(model.plugins, `models.${name}.plugins`, builtins, pluginServices));
    }
    services.health.configure(config.routing.circuitBreaker);
    const allPlugins = [...globalPlugins, ...[...modelPlugins.values()].flat()];
    const loggingPlugins = allPlugins.filter((plugin) => plugin.onLog);
    built = {
      config,
      loadedAt: Math.floor(Date.now() / 1000),
      bodyLimit: parseByteSize(config.server.bodyLimit),
      providers,
      routes: new RouteTable(providers, config.models, modelPlugins, config.routing.retry),
      plugins: new PluginChain(globalPlugins),
      health: services.health,
      ids: new RandomHex(),
      logger,
      templates: await TemplateStore.open(services.storage),
      telemetry: services.telemetry,
      knowledge: services.knowledge,
      keys,
      emitLog(event: LogEvent) {
        // Telemetry enriches and redacts the event and queues it for the sinks; it never waits.
        const logged = services.telemetry ? services.telemetry.record(event, config) : event;
        if (logger.isLevelEnabled("debug")) logger.debug({ event: logged }, "request");
        for (const plugin of loggingPlugins) {
          // onLog runs after the response; a failing sink never reaches the client.
          Promise.resolve()
            .then(() => plugin.onLog?.(logged))
            .catch((error: unknown) => logger.warn({ err: error, plugin: plugin.name }, "an onLog hook failed"));
        }
      },
      async readiness() {
        const checks: Record<string, string> = {
          config: "ok",
          accepting: services.isAccepting() ? "ok" : "shutting down",
        };
        try {
          await services.storage.ping();
          checks.storage = "ok";
        } catch (error) {
          checks.storage = `unreachable: ${(error as Error).message}`;
        }
        if (services.redis) {
          try {
            await services.redis.ping();
            checks.redis = "ok";
          } catch (error) {
            checks.redis = `unreachable: ${(error as Error).message}`;
          }
        }
        return checks;
      },
      async close() {
        await closeProviders();
        await Promise.allSettled(allPlugins.map((plugin) => plugin.close?.()));
      },
    };
    return built;
  } catch (error) {
    await closeProviders();
    await keys?.close();
    throw error;
  }
}
