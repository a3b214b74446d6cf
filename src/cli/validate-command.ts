import { pino } from "pino";
import { buildRuntime } from "../app/build-runtime.js";
import { loadConfigFile } from "../config/load-config.js";
import { KnowledgeService } from "../rag/knowledge-service.js";
import { HealthRegistry } from "../router/target-health.js";
import { openSqliteStorage } from "../stores/sqlite-storage.js";
import { describeStartError } from "./start-command.js";

/** `switchyard validate --config FILE`: checks the file as start would, without listening. */
export async function runValidate(values: { config?: string }): Promise<number> {
  if (!values.config) {
    process.stderr.write("switchyard: validate needs --config FILE\n");
    return 2;
  }
  try {
    const loaded = await loadConfigFile(values.config);
    // Building the runtime checks provider entries and loads plugins with their options.
    // Plugins may set up their tables at creation; a throwaway database keeps validate read-only.
    const storage = openSqliteStorage("sqlite::memory:", ".");
    const runtime = await buildRuntime(loaded, {
      logger: pino({ level: "silent" }),
      storage,
      // The rag plugin checks its knowledge bases against an empty service; nothing is embedded.
      knowledge: await KnowledgeService.open({
        storage,
        embed: () => Promise.reject(new Error("validate does not embed")),
        flatSearchLimit: loaded.config.rag.flatSearchLimit,
        embedBatchSize: loaded.config.rag.embedBatchSize,
        warn: () => {},
      }),
      health: new HealthRegistry(loaded.config.routing.circuitBreaker),
      isAccepting: () => false,
    });
    await runtime.close();
    const providers = Object.keys(loaded.config.providers).length;
    const models = Object.keys(loaded.config.models).length;
    process.stdout.write(`${values.config} is valid: ${providers} provider(s), ${models} virtual model(s).\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeStartError(error)}\n`);
    return 1;
  }
}
