import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import type { AddressPolicy } from "../rag/fetch/address-policy.js";
import { FetchError } from "../rag/fetch/fetch-error.js";
import { fetchLimitsFromConfig } from "../rag/fetch/fetch-limits-from-config.js";
import { resolveHost } from "../rag/fetch/resolve-host.js";
import type { IngestResult } from "../rag/ingest-document.js";
import type { IngestionJob } from "../rag/ingestion-job.js";
import { detectFormat, loadDocument } from "../rag/loaders/load-document.js";
import type { DocumentRecord } from "../stores/knowledge/knowledge-records.js";
import { readAdminBody } from "./admin-request.js";
import { addDocumentSchema, updateDocumentSchema } from "./knowledge-admin-schemas.js";
import { knowledgeRequest } from "./knowledge-path.js";

/**
 * POST /admin/knowledge-bases/:name/documents. Text and uploaded files (base64 txt, md, html,
 * pdf) are ingested before the answer (201, or 200 when unchanged); a URL is fetched by a
 * background job (202 with the job).
 */
export async function handleAddDocument(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const name = parts[0] ?? "";
  knowledge.get(name);
  const body = await readAdminBody(exchange, addDocumentSchema);
  if (body.url) {
    const rag = exchange.runtime.config.rag;
    const limits = fetchLimitsFromConfig(rag);
    await checkUrl(body.url, limits.policy);
    const job = knowledge.jobs.startUrl(
      name,
      { url: body.url, metadata: body.metadata, source: body.source },
      limits,
      rag.crawl.maxConcurrentJobs,
    );
    sendJson(exchange, 202, JSON.stringify(jobView(job)));
    return;
  }
  let text = body.text ?? "";
  let title = body.title;
  let source = body.source;
  if (body.file) {
    const data = Buffer.from(body.file.data, "base64");
    const loaded = await loadDocument(data, detectFormat(body.file.contentType, body.file.name)).catch(
      (error: Error) => {
        throw new GatewayError("invalid_request", `The file ${body.file?.name} could not be read: ${error.message}`, {
          param: "file",
        });
      },
    );
    if (!loaded.text)
      throw new GatewayError("invalid_request", `The file ${body.file.name} has no text.`, { param: "file" });
    text = loaded.text;
    title ??= loaded.title;
    source ??= body.file.name;
  }
  const result = await knowledge.addDocument(name, { text, title, source, metadata: body.metadata });
  sendJson(exchange, result.status === "created" ? 201 : 200, JSON.stringify(resultView(result)));
}

/** PUT /admin/knowledge-bases/:name/documents/:id: replaces the document's text (re-chunked, re-embedded). */
export async function handleUpdateDocument(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const [name = "", , id = ""] = parts;
  knowledge.document(name, id);
  const body = await readAdminBody(exchange, updateDocumentSchema);
  const result = await knowledge.addDocument(name, { ...body, id });
  sendJson(exchange, 200, JSON.stringify(resultView(result)));
}

/** GET /admin/knowledge-bases/:name/documents */
export async function handleListDocuments(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const documents = knowledge.documents(parts[0] ?? "").map(documentView);
  sendJson(exchange, 200, JSON.stringify({ object: "list", data: documents }));
}

/** GET /admin/knowledge-bases/:name/documents/:id */
export async function handleGetDocument(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  sendJson(exchange, 200, JSON.stringify(documentView(knowledge.document(parts[0] ?? "", parts[2] ?? ""))));
}

/** DELETE /admin/knowledge-bases/:name/documents/:id */
export async function handleDeleteDocument(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const [name = "", , id = ""] = parts;
  await knowledge.deleteDocument(name, id);
  sendJson(exchange, 200, JSON.stringify({ object: "document", id, deleted: true }));
}

/** Refuses at once (400) a URL whose host is not allowed, instead of a job that fails later. */
export async function checkUrl(url: string, policy: AddressPolicy): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new GatewayError("fetch_refused", `Only http and https URLs can be fetched, not ${parsed.protocol}`, {
      param: "url",
    });
  }
  try {
    await resolveHost(parsed.hostname, policy);
  } catch (error) {
    if (error instanceof FetchError && error.kind === "refused") {
      throw new GatewayError("fetch_refused", error.message, { param: "url" });
    }
    throw new GatewayError("invalid_request", (error as Error).message, { param: "url" });
  }
}

export function jobView(job: IngestionJob): Record<string, unknown> {
  return { object: "ingestion_job", ...job };
}

function documentView(document: DocumentRecord): Record<string, unknown> {
  return { object: "document", ...document };
}

function resultView(result: IngestResult): Record<string, unknown> {
  return { ...documentView(result.document), status: result.status };
}
