import { ConfigError } from "../config/config-error.js";
import { startGateway } from "../main.js";
import { PluginLoadError } from "../pipeline/load-plugins.js";
import { ProviderConfigError } from "../providers/create-provider.js";

/** `switchyard start`: returns a non-zero exit code (and says why) when the gateway cannot start. */
export async function runStart(values: { config?: string; port?: string; host?: string }): Promise<number> {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    process.stderr.write(`switchyard: --port must be a whole number from 0 to 65535, not "${values.port}"\n`);
    return 2;
  }
  try {
    await startGateway({ configPath: values.config, port, host: values.host, handleSignals: true });
    return 0;
  } catch (error) {
    process.stderr.write(`switchyard: cannot start: ${describeStartError(error)}\n`);
    return 1;
  }
}

export function describeStartError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof ProviderConfigError || error instanceof PluginLoadError) {
    return error.message;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") return `the address is already in use (${(error as Error).message}); pick another --port`;
  return (error as Error).message ?? String(error);
}
