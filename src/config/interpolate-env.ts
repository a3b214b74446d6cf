const ENV_REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface MissingVariable {
  name: string;
  path: string;
}

/**
 * Replaces `${env:NAME}` (or `${env:NAME:-default}`) in every string of a parsed YAML document.
 * Interpolating after parsing keeps secrets with YAML-special characters intact.
 */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  missing: MissingVariable[] = [],
  path = "",
): unknown {
  if (typeof value === "string") {
    return value.replace(ENV_REFERENCE, (_match, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== "") return found;
      if (fallback !== undefined) return fallback;
      missing.push({ name, path: path || "(root)" });
      return "";
    });
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => interpolateEnv(item, env, missing, `${path}[${index}]`));
  }
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = interpolateEnv(item, env, missing, path ? `${path}.${key}` : key);
    }
    return result;
  }
  return value;
}
