import type { Runtime } from "./runtime.js";

/** The lines printed at start: where the gateway listens and what it serves. */
export function describeStartup(runtime: Runtime, url: string, configPath: string | undefined): string[] {
  const lines = [`Switchyard listening on ${url}`];
  lines.push(`  config:    ${configPath ?? "none (embedded defaults; providers from environment variables)"}`);
  lines.push(`  storage:   ${runtime.config.storage.url}`);
  if (runtime.providers.size === 0) {
    lines.push("  providers: none — set OPENAI_API_KEY (or GROQ_API_KEY, MISTRAL_API_KEY, …) or pass --config FILE");
  }
  for (const provider of runtime.providers.values()) {
    const models = provider.models.length > 0 ? provider.models.join(", ") : "any model as";
    lines.push(`  provider:  ${provider.name} (${provider.type}) — ${models} ${provider.name}/<model>`);
  }
  for (const [name, model] of Object.entries(runtime.config.models)) {
    const targets = model.targets.map((target) => `${target.provider}/${target.model}`).join(", ");
    lines.push(`  model:     ${name} → ${model.strategy}: ${targets}`);
  }
  return lines;
}
