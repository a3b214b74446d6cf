import { type FSWatcher, watch } from "node:fs";
import type { AddressInfo } from "node:net";
import { type Logger, pino } from "pino";
import { adminRoutes } from "./admin/admin-routes.js";
import { buildRuntime, type ProcessServices } from "./app/build-runtime.js";
import { describeStartup } from "./app/describe-startup.js";
import { RuntimeHolder } from "./app/runtime-holder.js";
import { defaultConfig } from "./config/default-config.js";
import { type LoadedConfig, loadConfigFile } from "./config/load-config.js";
import { createGatewayServer } from "./inbound/http/create-server.js";
import { dataPlaneRoutes } from "./inbound/http/routes.js";
import { createModelClient } from "./pipeline/model-client.js";
import { providersFromEnv } from "./providers/providers-from-env.js";
import { KnowledgeService } from "./rag/knowledge-service.js";
import { HealthRegistry } from "./router/target-health.js";
import { openRedis } from "./stores/open-redis.js";
import { openStorage } from "./stores/open-storage.js";
import { Telemetry } from "./telemetry/telemetry.js";

/** How long shutdown waits for log sinks to take what is queued. */
const LOG_FLUSH_TIMEOUT_MS = 15_000;

export interface StartOptions {
  configPath?: string;
  port?: number;
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** Where the start-up lines go (default: stdout). */
  print?: (line: string) => void;
  /** Where operator-facing problems go (default: stderr). */
  printError?: (line: string) => void;
  /** Install SIGHUP (reload) and SIGTERM/SIGINT (graceful stop) handlers. */
  handleSignals?: boolean;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** Re-reads the config file; a bad file keeps the running config and the error says why. */
  reload(): Promise<void>;
  /** Stops accepting, lets requests in flight finish up to the configured deadline, closes everything. */
  shutdown(): Promise<void>;
}

/** Loads the config, opens storage, listens. The only module with process-wide side effects. */
export async function startGateway(options: StartOptions = {}): Promise<RunningGateway> {
  const env = options.env ?? process.env;
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const printError = options.printError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const load = (): Promise<LoadedConfig> =>
    options.configPath
      ? loadConfigFile(options.configPath, env)
      : Promise.resolve(defaultConfig(providersFromEnv(env), process.cwd()));
  const withOverrides = (loaded: LoadedConfig): LoadedConfig => {
    if (options.port !== undefined) loaded.config.server.port = options.port;
    if (options.host !== undefined) loaded.config.server.host = options.host;
    return loaded;
  };

  const loaded = withOverrides(await load());
  const logger: Logger = pino({ level: loaded.config.logging.level, base: undefined });
  let accepting = true;
  const storage = await openStorage(loaded.config.storage.url, loaded.directory, {
    onConnectionError: (error) =>
      logger.warn({ err: error }, "a PostgreSQL connection was lost; the pool opens a new one"),
  });
  const redis = await openRedis(loaded.config.redis?.url);
  const services: ProcessServices = {
    logger,
    storage,
    redis,
    health: new HealthRegistry(loaded.config.routing.circuitBreaker),
    telemetry: await Telemetry.open(loaded.config, storage, loaded.directory, logger),
    isAccepting: () => accepting,
  };
  services.telemetry?.metrics.watchCircuits(() => services.health.snapshot());

  // Ingestion outlives the admin request that started it, so it embeds through the current runtime.
  const knowledgeModels = createModelClient(() => holder.runtime);
  services.knowledge = await KnowledgeService.open({
    storage,
    embed: (model, texts) => knowledgeModels.embed(model, texts),
    flatSearchLimit: loaded.config.rag.flatSearchLimit,
    embedBatchSize: loaded.config.rag.embedBatchSize,
    warn: (message, fields) => logger.warn(fields ?? {}, message),
  });
  const holder = new RuntimeHolder(await buildRuntime(loaded, services));
  const gateway = createGatewayServer(
    holder,
    new Map([...dataPlaneRoutes(), ...adminRoutes()]),
    () => accepting,
    loaded.config.server,
  );
  const { host, port } = loaded.config.server;
  await new Promise<void>((resolve, reject) => {
    gateway.server.once("error", reject);
    gateway.server.listen(port, host, () => {
      gateway.server.off("error", reject);
      resolve();
    });
  });
  const address = gateway.server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  for (const line of describeStartup(holder.runtime, url, loaded.path)) print(line);

  let reloading = Promise.resolve();
  const reload = (): Promise<void> => {
    reloading = reloading.then(async () => {
      try {
        const next = withOverrides(await load());
        const runtime = await buildRuntime(next, services);
        if (next.config.server.port !== port || next.config.server.host !== host) {
          logger.warn("server.host and server.port changes take effect on restart");
        }
        holder.swap(runtime);
        print(`Switchyard config reloaded from ${next.path ?? "the environment"}`);
      } catch (error) {
        printError(`Switchyard config reload failed; keeping the running config. ${(error as Error).message}`);
        throw error;
      }
    });
    return reloading;
  };

  let watcher: FSWatcher | undefined;
  if (loaded.config.server.watchConfig && loaded.path) {
    let timer: NodeJS.Timeout | undefined;
    watcher = watch(loaded.path, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload().catch(() => {}), 200);
    });
  }

  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    stopping ??= (async () => {
      accepting = false;
      watcher?.close();
      logger.info({ inFlight: gateway.inFlight() }, "shutting down: no new connections, finishing requests in flight");
      const closed = new Promise<void>((resolve) => gateway.server.close(() => resolve()));
      gateway.server.closeIdleConnections();
      const deadline = holder.runtime.config.server.shutdownTimeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        gateway.idle().then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), deadline);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut)
        logger.warn({ inFlight: gateway.inFlight() }, "shutdown deadline passed; closing remaining connections");
      gateway.server.closeAllConnections();
      await closed;
      await holder.runtime.close();
      await services.knowledge?.close();
      // Queued log events are written before the storage they go to closes.
      await services.telemetry?.close(LOG_FLUSH_TIMEOUT_MS);
      await storage.close();
      await redis?.quit();
      logger.flush();
    })();
    return stopping;
  };

  if (options.handleSignals) {
    process.on("SIGHUP", () => void reload().catch(() => {}));
    const stop = () => void shutdown().then(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
  return { url, port: address.port, reload, shutdown };
}
