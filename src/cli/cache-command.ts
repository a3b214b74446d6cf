import { parseArgs } from "node:util";

export const CACHE_USAGE = `  switchyard cache purge [--url URL] [--master-key KEY] [--namespace NS] [--key KEY]
      removes cache entries through a running gateway's admin API (all, one namespace or one
      entry); the master key defaults to $SWITCHYARD_MASTER_KEY, the URL to http://127.0.0.1:4100`;

/** `switchyard cache purge …`: the cache lives in the running gateway (or its Redis), so ask it. */
export async function runCache(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== "purge") {
    process.stderr.write(`switchyard cache: unknown subcommand "${subcommand ?? ""}"\n\nUsage:\n${CACHE_USAGE}\n`);
    return 2;
  }
  let values: { url?: string; "master-key"?: string; namespace?: string; key?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        url: { type: "string" },
        "master-key": { type: "string" },
        namespace: { type: "string" },
        key: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`switchyard cache: ${(error as Error).message}\n\nUsage:\n${CACHE_USAGE}\n`);
    return 2;
  }
  const masterKey = values["master-key"] ?? process.env.SWITCHYARD_MASTER_KEY;
  if (!masterKey) {
    process.stderr.write("switchyard cache: pass --master-key or set SWITCHYARD_MASTER_KEY\n");
    return 2;
  }
  const base = (values.url ?? "http://127.0.0.1:4100").replace(/\/+$/, "");
  const selector = { namespace: values.namespace, key: values.key };
  const response = await fetch(`${base}/admin/cache/purge`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${masterKey}` },
    body: JSON.stringify(selector),
  });
  const text = await response.text();
  if (!response.ok) {
    process.stderr.write(`switchyard cache: the gateway answered ${response.status}: ${text}\n`);
    return 1;
  }
  const body = JSON.parse(text) as { removed: number };
  process.stdout.write(`purged ${body.removed} entr${body.removed === 1 ? "y" : "ies"}\n`);
  return 0;
}
