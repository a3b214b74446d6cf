import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { Presets, SingleBar } from "cli-progress";

export const KB_USAGE = `Usage:
  switchyard kb create NAME --embedder MODEL [--chunk-size N] [--chunk-overlap N] [--strategy recursive|fixed|sentence]
                            [--keys ID,ID] [--projects ID,ID]
  switchyard kb list
  switchyard kb delete NAME
  switchyard kb add NAME FILE... [--metadata k=v,k=v]      (txt, md, html, pdf)
  switchyard kb add NAME --text TEXT --source NAME [--metadata k=v]
  switchyard kb add NAME --page URL [--metadata k=v]       (fetched by a job on the gateway)
  switchyard kb docs NAME
  switchyard kb remove NAME DOCUMENT_ID
  switchyard kb crawl NAME URL [--depth N] [--max-pages N] [--include GLOB,GLOB] [--exclude GLOB,GLOB]
                               [--allowed-hosts H,H] [--delay-ms N] [--no-robots] [--no-sitemap] [--no-wait]
  switchyard kb search NAME QUERY [--top-k N] [--threshold X] [--hybrid] [--mmr] [--filter k=v,k=v]

Common options: --url URL (default $SWITCHYARD_URL or http://127.0.0.1:4100),
--master-key KEY (default $SWITCHYARD_MASTER_KEY), --json (print the API's JSON).`;

type Print = (line: string) => void;
type Answer = Record<string, unknown>;

export interface KbCommandIo {
  env?: NodeJS.ProcessEnv;
  print?: Print;
  printError?: Print;
  /** Where the crawl progress bar is drawn (default stderr). */
  progressStream?: NodeJS.WritableStream;
  pollMs?: number;
}

/** `switchyard kb …`: knowledge bases through a running gateway's admin API. */
export async function runKb(argv: string[], io: KbCommandIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const print = io.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const printError = io.printError ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [action, ...rest] = argv;
  if (!action || ["--help", "-h", "help"].includes(action)) {
    print(KB_USAGE);
    return action ? 0 : 2;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    printError(`switchyard kb: ${(error as Error).message}\n\n${KB_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const base = (values.url ?? env.SWITCHYARD_URL ?? "http://127.0.0.1:4100").replace(/\/$/, "");
  const masterKey = values["master-key"] ?? env.SWITCHYARD_MASTER_KEY;
  if (!masterKey) {
    printError("switchyard kb: set --master-key or SWITCHYARD_MASTER_KEY (the gateway's admin.masterKey).");
    return 2;
  }
  const request = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${masterKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as Answer;
    if (!response.ok) {
      const error = answer.error as { message?: string; code?: string } | undefined;
      throw new Error(`${error?.code ?? response.status}: ${error?.message ?? "request failed"}`);
    }
    return answer;
  };
  const show = (answer: Answer, line: () => string) => print(values.json ? JSON.stringify(answer, null, 2) : line());
  const [name = "", ...more] = positionals;
  const path = `/admin/knowledge-bases/${encodeURIComponent(name)}`;
  try {
    const metadata = pairs(values.metadata);
    switch (action) {
      case "create": {
        const answer = await request("POST", "/admin/knowledge-bases", {
          name,
          embedder: values.embedder,
          chunk: {
            size: numberOption(values["chunk-size"]),
            overlap: numberOption(values["chunk-overlap"]),
            strategy: values.strategy,
          },
          access: { keys: list(values.keys), projects: list(values.projects) },
        });
        show(answer, () => `created knowledge base ${name} (embedder ${String(answer.embedder)})`);
        return 0;
      }
      case "list": {
        const answer = await request("GET", "/admin/knowledge-bases");
        show(answer, () =>
          (answer.data as Answer[])
            .map((kb) => `${kb.name}\t${kb.embedder}\t${kb.documents} documents\t${kb.chunks} chunks`)
            .join("\n"),
        );
        return 0;
      }
      case "delete":
        show(await request("DELETE", path), () => `deleted knowledge base ${name}`);
        return 0;
      case "docs": {
        const answer = await request("GET", `${path}/documents`);
        show(answer, () =>
          (answer.data as Answer[])
            .map(
              (document) => `${document.id}\t${document.url ?? document.source ?? ""}\t${document.chunkCount} chunks`,
            )
            .join("\n"),
        );
        return 0;
      }
      case "remove":
        show(
          await request("DELETE", `${path}/documents/${encodeURIComponent(more[0] ?? "")}`),
          () => `removed ${more[0]}`,
        );
        return 0;
      case "add": {
        if (values.page) {
          const job = await request("POST", `${path}/documents`, { url: values.page, metadata });
          return await followJob(job, values["no-wait"] === true);
        }
        if (values.text !== undefined) {
          const answer = await request("POST", `${path}/documents`, {
            text: values.text,
            source: values.source,
            metadata,
          });
          show(answer, () => `${answer.status} ${answer.id} (${answer.chunkCount} chunks)`);
          return 0;
        }
        if (more.length === 0) throw new Error("name files to add, or use --text or --url");
        for (const file of more) {
          const data = (await readFile(file)).toString("base64");
          const answer = await request("POST", `${path}/documents`, { file: { name: basename(file), data }, metadata });
          show(answer, () => `${file}: ${answer.status} ${answer.id} (${answer.chunkCount} chunks)`);
        }
        return 0;
      }
      case "crawl": {
        const job = await request("POST", `${path}/crawl`, {
          url: more[0],
          depth: numberOption(values.depth),
          maxPages: numberOption(values["max-pages"]),
          include: list(values.include),
          exclude: list(values.exclude),
          allowedHosts: list(values["allowed-hosts"]),
          delayMs: numberOption(values["delay-ms"]),
          respectRobots: values["no-robots"] !== true,
          useSitemap: values["no-sitemap"] !== true,
          metadata,
        });
        return await followJob(job, values["no-wait"] === true);
      }
      case "search": {
        const answer = await request("POST", `${path}/search`, {
          query: more.join(" "),
          topK: numberOption(values["top-k"]),
          threshold: values.threshold === undefined ? undefined : Number(values.threshold),
          hybrid: values.hybrid === true,
          mmr: values.mmr === true,
          filter: pairs(values.filter),
        });
        show(answer, () =>
          (answer.data as Answer[])
            .map(
              (chunk, index) =>
                `${index + 1}. [${chunk.score}] ${chunk.url ?? chunk.source ?? chunk.documentId}\n   ${String(chunk.text).slice(0, 200).replace(/\s+/g, " ")}`,
            )
            .join("\n"),
        );
        return 0;
      }
      default:
        printError(`switchyard kb: unknown action "${action}"\n\n${KB_USAGE}`);
        return 2;
    }
  } catch (error) {
    printError(`switchyard kb: ${(error as Error).message}`);
    return 1;
  }

  /** Polls a job until it ends, with a progress bar of pages ingested out of the page limit. */
  async function followJob(job: Answer, noWait: boolean): Promise<number> {
    const id = String(job.id);
    if (noWait) {
      show(job, () => `started job ${id}`);
      return 0;
    }
    const bar = new SingleBar(
      {
        format:
          "crawl [{bar}] {value}/{total} pages | fetched {fetched} | skipped {skipped} | failed {failed} | {chunks} chunks",
        stream: io.progressStream ?? process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 1000,
      },
      Presets.shades_classic,
    );
    const total = Math.max(1, numberOption(values["max-pages"]) ?? (job.kind === "url" ? 1 : 50));
    bar.start(total, 0, { fetched: 0, skipped: 0, failed: 0, chunks: 0 });
    let current = job;
    while (current.status === "running") {
      await sleep(io.pollMs ?? 500);
      current = await request("GET", `${path}/jobs/${encodeURIComponent(id)}`);
      const progress = current.progress as Record<string, number>;
      bar.setTotal(Math.max(total, progress.discovered ?? 0, progress.ingested ?? 0));
      bar.update(progress.ingested ?? 0, progress);
    }
    bar.stop();
    const progress = current.progress as Record<string, number>;
    show(
      current,
      () =>
        `job ${id} ${String(current.status)}: ${progress.ingested} pages ingested (${progress.unchanged} unchanged), ${progress.skipped} skipped, ${progress.failed} failed, ${progress.chunks} chunks${current.error ? ` — ${String(current.error)}` : ""}`,
    );
    return current.status === "completed" ? 0 : 1;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      "master-key": { type: "string" },
      json: { type: "boolean" },
      embedder: { type: "string" },
      "chunk-size": { type: "string" },
      "chunk-overlap": { type: "string" },
      strategy: { type: "string" },
      keys: { type: "string" },
      projects: { type: "string" },
      metadata: { type: "string" },
      text: { type: "string" },
      source: { type: "string" },
      url: { type: "string" },
      page: { type: "string" },
      depth: { type: "string" },
      "max-pages": { type: "string" },
      include: { type: "string" },
      exclude: { type: "string" },
      "allowed-hosts": { type: "string" },
      "delay-ms": { type: "string" },
      "no-robots": { type: "boolean" },
      "no-sitemap": { type: "boolean" },
      "no-wait": { type: "boolean" },
      "top-k": { type: "string" },
      threshold: { type: "string" },
      hybrid: { type: "boolean" },
      mmr: { type: "boolean" },
      filter: { type: "string" },
    },
  });
}

function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

function pairs(value: string | undefined): Record<string, string> | undefined {
  const entries = list(value)?.map((pair) => {
    const equals = pair.indexOf("=");
    if (equals <= 0) throw new Error(`"${pair}" is not key=value`);
    return [pair.slice(0, equals), pair.slice(equals + 1)] as const;
  });
  return entries ? Object.fromEntries(entries) : undefined;
}

function numberOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`"${value}" is not a number`);
  return number;
}
