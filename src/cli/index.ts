#!/usr/bin/env -S node --max-semi-space-size=4
// The flag caps V8's young generation at 2 × 4 MiB instead of 2 × 16 MiB: with 1,000 streams
// open the gateway's peak memory is about 10 MB lower, for a throughput cost within the bench's
// noise (see docs/performance.md, Young generation and other V8 flags). `npm start` and the
// bench pass the same flag; a test keeps them in step.
import { parseArgs } from "node:util";
// The cache command's module is needed up front for its usage text and imports only node:util.
// Every other command's module is imported when that command runs, so `start` never loads what
// `kb` needs (cli-progress) and `kb` never loads the gateway.
import { CACHE_USAGE, runCache } from "./cache-command.js";

const USAGE = `Usage:
  switchyard start [--config FILE] [--port N] [--host H]
  switchyard validate --config FILE
  switchyard keys create|list|revoke|rotate …   (see switchyard keys --help)
  switchyard kb create|list|delete|add|docs|remove|crawl|search …   (see switchyard kb --help)
${CACHE_USAGE}

Without --config, start serves on 127.0.0.1:4100 with a SQLite file under ./data and enables
each provider whose key variable is set (OPENAI_API_KEY, GROQ_API_KEY, MISTRAL_API_KEY, …).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 1;
  }
  if (command === "cache") return runCache(rest);
  // `keys` talks to a running gateway's admin API and has options of its own.
  if (command === "keys") return (await import("./keys-command.js")).runKeys(rest);
  if (command === "kb") return (await import("./kb-command.js")).runKb(rest);
  let values: { config?: string; port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        config: { type: "string", short: "c" },
        port: { type: "string", short: "p" },
        host: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`switchyard: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  switch (command) {
    case "start":
      return (await import("./start-command.js")).runStart(values);
    case "validate":
      return (await import("./validate-command.js")).runValidate(values);
    default:
      process.stderr.write(`switchyard: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`switchyard: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
