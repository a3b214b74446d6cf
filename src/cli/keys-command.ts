import { parseArgs } from "node:util";

export const KEYS_USAGE = `Usage:
  switchyard keys create --name NAME [--project ID] [--models "gpt-4o*,smart"] [--endpoints chat,embeddings]
                         [--rpm N] [--tpm N] [--concurrency N] [--budget-usd N] [--budget-tokens N]
                         [--period day|week|month|total] [--expires-at ISO-DATE] [--metadata k=v,k=v]
  switchyard keys list [--project ID]
  switchyard keys revoke ID
  switchyard keys rotate ID

Common options: --url URL (default $SWITCHYARD_URL or http://127.0.0.1:4100),
--master-key KEY (default $SWITCHYARD_MASTER_KEY), --json (print the API's JSON).`;

interface KeyAnswer {
  id: string;
  name: string;
  project: string | null;
  displayPrefix: string;
  status: string;
  models: string[];
  key?: string;
  expiresAt?: string;
}

type Print = (line: string) => void;

/** `switchyard keys …`: the admin API's key routes, for people and scripts. */
export async function runKeys(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  print: Print = (line) => process.stdout.write(`${line}\n`),
  printError: Print = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const [action, ...rest] = argv;
  if (!action || action === "--help" || action === "-h" || action === "help") {
    print(KEYS_USAGE);
    return action ? 0 : 2;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    printError(`switchyard keys: ${(error as Error).message}\n\n${KEYS_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const url = (values.url ?? env.SWITCHYARD_URL ?? "http://127.0.0.1:4100").replace(/\/$/, "");
  const masterKey = values["master-key"] ?? env.SWITCHYARD_MASTER_KEY;
  if (!masterKey) {
    printError("switchyard keys: set --master-key or SWITCHYARD_MASTER_KEY (the gateway's admin.masterKey).");
    return 2;
  }
  const request = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${masterKey}`,
        "x-switchyard-actor": "cli",
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    if (!response.ok) {
      const message = (answer.error as { message?: string } | undefined)?.message ?? response.statusText;
      throw new Error(`${response.status}: ${message}`);
    }
    return answer;
  };
  const show = (answer: Record<string, unknown>, human: () => void) => {
    if (values.json) print(JSON.stringify(answer, null, 2));
    else human();
  };
  try {
    switch (action) {
      case "create": {
        if (!values.name) throw new UsageError("create needs --name");
        const answer = await request("POST", "/admin/keys", createBody(values));
        show(answer, () => {
          const key = answer as unknown as KeyAnswer;
          print(`Created key ${key.id} "${key.name}"${key.project ? ` in project ${key.project}` : ""}.`);
          print(`Secret (shown once, store it now): ${key.key}`);
        });
        return 0;
      }
      case "list": {
        const query = values.project ? `?project=${encodeURIComponent(values.project)}` : "";
        const answer = await request("GET", `/admin/keys${query}`);
        show(answer, () => {
          const keys = answer.data as KeyAnswer[];
          if (keys.length === 0) print("No keys.");
          for (const line of table(keys)) print(line);
        });
        return 0;
      }
      case "revoke":
      case "rotate": {
        const id = positionals[0];
        if (!id) throw new UsageError(`${action} needs the key's id`);
        const answer =
          action === "revoke"
            ? await request("DELETE", `/admin/keys/${encodeURIComponent(id)}`)
            : await request("POST", `/admin/keys/${encodeURIComponent(id)}/rotate`);
        show(answer, () => {
          if (action === "revoke") print(`Revoked key ${id}.`);
          else print(`Rotated key ${id}; the old secret no longer works.\nNew secret (shown once): ${answer.key}`);
        });
        return 0;
      }
      default:
        throw new UsageError(action ? `unknown action "${action}"` : "which action?");
    }
  } catch (error) {
    if (error instanceof UsageError) {
      printError(`switchyard keys: ${error.message}\n\n${KEYS_USAGE}`);
      return 2;
    }
    printError(`switchyard keys: ${(error as Error).message}`);
    return 1;
  }
}

class UsageError extends Error {}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: "string" },
      "master-key": { type: "string" },
      json: { type: "boolean" },
      name: { type: "string" },
      project: { type: "string" },
      models: { type: "string" },
      endpoints: { type: "string" },
      rpm: { type: "string" },
      tpm: { type: "string" },
      concurrency: { type: "string" },
      "budget-usd": { type: "string" },
      "budget-tokens": { type: "string" },
      period: { type: "string" },
      "expires-at": { type: "string" },
      metadata: { type: "string" },
    },
  });
}

type Values = ReturnType<typeof parse>["values"];

function createBody(values: Values): Record<string, unknown> {
  const list = (value: string | undefined) =>
    value
      ?.split(",")
      .map((item) => item.trim())
      .filter(Boolean);
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const limits = { rpm: number(values.rpm), tpm: number(values.tpm), concurrency: number(values.concurrency) };
  const hasLimits = Object.values(limits).some((value) => value !== undefined);
  const usd = number(values["budget-usd"]);
  const tokens = number(values["budget-tokens"]);
  const metadata = list(values.metadata)?.map((pair) => pair.split("=", 2) as [string, string]);
  return {
    name: values.name,
    project: values.project,
    models: list(values.models),
    endpoints: list(values.endpoints),
    limits: hasLimits ? limits : undefined,
    budget: usd !== undefined || tokens !== undefined ? { usd, tokens, period: values.period ?? "month" } : undefined,
    expiresAt: values["expires-at"],
    metadata: metadata ? Object.fromEntries(metadata) : undefined,
  };
}

function table(keys: KeyAnswer[]): string[] {
  const rows = [
    ["ID", "NAME", "PROJECT", "KEY", "STATUS", "MODELS"],
    ...keys.map((key) => [
      key.id,
      key.name,
      key.project ?? "-",
      key.displayPrefix,
      key.status,
      key.models.length ? key.models.join(",") : "*",
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}
