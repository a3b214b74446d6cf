import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseDocument } from "yaml";
import { ConfigError } from "./config-error.js";
import { formatIssues } from "./format-issues.js";
import { interpolateEnv, type MissingVariable } from "./interpolate-env.js";
import { configSchema, type SwitchyardConfig } from "./schema.js";

export interface LoadedConfig {
  config: SwitchyardConfig;
  /** Absolute path of the file, or undefined for the built-in defaults. */
  path?: string;
  /** Folder that relative paths in the config are resolved against. */
  directory: string;
}

/** Reads, interpolates and validates a YAML config file. Throws ConfigError with every problem found. */
export async function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const absolutePath = resolve(path);
  let text: string;
  try {
    text = await readFile(absolutePath, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    throw new ConfigError(path, [reason]);
  }
  const config = parseConfigText(text, path, env);
  return { config, path: absolutePath, directory: dirname(absolutePath) };
}

export function parseConfigText(text: string, source: string, env: NodeJS.ProcessEnv = process.env): SwitchyardConfig {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      source,
      document.errors.map((error) => `YAML syntax: ${error.message.split("\n")[0]}`),
    );
  }
  const missing: MissingVariable[] = [];
  const raw = interpolateEnv(document.toJS() ?? {}, env, missing);
  const problems = missing.map(
    (variable) =>
      `${variable.path}: environment variable ${variable.name} is not set (use \${env:${variable.name}:-default} for a fallback)`,
  );
  const parsed = configSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) problems.push(...formatIssues(parsed.error.issues));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(source, problems);
  problems.push(...checkReferences(parsed.data));
  if (problems.length > 0) throw new ConfigError(source, problems);
  return parsed.data;
}

/** Cross-field checks the schema cannot express. */
function checkReferences(config: SwitchyardConfig): string[] {
  const problems: string[] = [];
  for (const [modelName, model] of Object.entries(config.models)) {
    model.targets.forEach((target, index) => {
      if (!config.providers[target.provider]) {
        const known = Object.keys(config.providers).join(", ") || "none configured";
        problems.push(
          `models.${modelName}.targets[${index}].provider: unknown provider "${target.provider}" (configured: ${known})`,
        );
      }
    });
    if (model.strategy === "single" && model.targets.length > 1) {
      problems.push(`models.${modelName}.targets: strategy "single" takes exactly one target`);
    }
  }
  return problems;
}
