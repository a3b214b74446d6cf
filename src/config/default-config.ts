import { ConfigError } from "./config-error.js";
import { formatIssues } from "./format-issues.js";
import type { LoadedConfig } from "./load-config.js";
import { configSchema } from "./schema.js";

/** The config used when no file is given: embedded defaults plus the providers the caller found. */
export function defaultConfig(providers: Record<string, unknown>, workingDirectory: string): LoadedConfig {
  const parsed = configSchema.safeParse({ providers }, { reportInput: true });
  if (!parsed.success) throw new ConfigError("the default config", formatIssues(parsed.error.issues));
  return { config: parsed.data, directory: workingDirectory };
}
