import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import { fetchLimitsFromConfig } from "../rag/fetch/fetch-limits-from-config.js";
import { readAdminBody } from "./admin-request.js";
import { crawlRequestSchema, searchRequestSchema } from "./knowledge-admin-schemas.js";
import { checkUrl, jobView } from "./knowledge-document-handlers.js";
import { knowledgeRequest } from "./knowledge-path.js";

/** POST /admin/knowledge-bases/:name/crawl: starts a crawl job; 202 with the job. */
export async function handleStartCrawl(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const name = parts[0] ?? "";
  knowledge.get(name);
  const body = await readAdminBody(exchange, crawlRequestSchema);
  const rag = exchange.runtime.config.rag;
  if (body.maxPages > rag.crawl.maxPages) {
    throw new GatewayError("invalid_request", `maxPages may be at most ${rag.crawl.maxPages} (rag.crawl.maxPages).`, {
      param: "maxPages",
    });
  }
  const limits = fetchLimitsFromConfig(rag);
  await checkUrl(body.url, limits.policy);
  const job = knowledge.jobs.startCrawl(name, body, limits, rag.crawl);
  sendJson(exchange, 202, JSON.stringify(jobView(job)));
}

/** GET /admin/knowledge-bases/:name/jobs: this instance's jobs for the knowledge base. */
export async function handleListJobs(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const name = parts[0] ?? "";
  knowledge.get(name);
  sendJson(exchange, 200, JSON.stringify({ object: "list", data: knowledge.jobs.list(name).map(jobView) }));
}

/** GET /admin/knowledge-bases/:name/jobs/:id: a job's status and counts. */
export async function handleGetJob(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  sendJson(exchange, 200, JSON.stringify(jobView(jobOf(knowledge, parts))));
}

/** DELETE /admin/knowledge-bases/:name/jobs/:id: cancels a running job. */
export async function handleCancelJob(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const job = jobOf(knowledge, parts);
  sendJson(exchange, 200, JSON.stringify(jobView(knowledge.jobs.cancel(job.id))));
}

/** POST /admin/knowledge-bases/:name/search: retrieval as the rag plugin does it, to tune it. */
export async function handleSearch(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const name = parts[0] ?? "";
  knowledge.get(name);
  const body = await readAdminBody(exchange, searchRequestSchema);
  const { query, ...options } = body;
  const started = performance.now();
  const chunks = await knowledge.search([name], query, options);
  const tookMs = Math.round((performance.now() - started) * 100) / 100;
  sendJson(exchange, 200, JSON.stringify({ object: "list", query, took_ms: tookMs, data: chunks }));
}

function jobOf(knowledge: ReturnType<typeof knowledgeRequest>["knowledge"], parts: string[]) {
  const [name = "", , id = ""] = parts;
  const job = knowledge.jobs.get(id);
  if (job.knowledgeBase !== name) throw new GatewayError("job_not_found", `There is no job "${id}" for "${name}".`);
  return job;
}
