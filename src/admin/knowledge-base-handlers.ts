import type { Exchange } from "../inbound/http/exchange.js";
import { readJsonBody } from "../inbound/http/read-json-body.js";
import { sendJson } from "../inbound/http/send.js";
import { toValidationError } from "../inbound/validation-error.js";
import type { KnowledgeBaseSummary } from "../rag/knowledge-service.js";
import { createKnowledgeBaseSchema, updateKnowledgeBaseSchema } from "./knowledge-admin-schemas.js";
import { knowledgeRequest } from "./knowledge-path.js";

/** POST /admin/knowledge-bases: creates an empty knowledge base; 201. */
export async function handleCreateKnowledgeBase(exchange: Exchange): Promise<void> {
  const { knowledge } = knowledgeRequest(exchange);
  const parsed = createKnowledgeBaseSchema.safeParse(await readJsonBody(exchange));
  if (!parsed.success) throw toValidationError(parsed.error);
  await knowledge.createKnowledgeBase({ ...parsed.data, createdAt: new Date().toISOString() });
  sendJson(exchange, 201, JSON.stringify(view(knowledge.summary(knowledge.get(parsed.data.name)))));
}

/** GET /admin/knowledge-bases: every knowledge base with its document and chunk counts. */
export async function handleListKnowledgeBases(exchange: Exchange): Promise<void> {
  const { knowledge } = knowledgeRequest(exchange);
  sendJson(exchange, 200, JSON.stringify({ object: "list", data: knowledge.list().map(view) }));
}

/** GET /admin/knowledge-bases/:name */
export async function handleGetKnowledgeBase(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  sendJson(exchange, 200, JSON.stringify(view(knowledge.summary(knowledge.get(parts[0] ?? "")))));
}

/** PATCH /admin/knowledge-bases/:name: changes `access` (keys, projects) or `description`. */
export async function handleUpdateKnowledgeBase(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const name = parts[0] ?? "";
  knowledge.get(name);
  const parsed = updateKnowledgeBaseSchema.safeParse(await readJsonBody(exchange));
  if (!parsed.success) throw toValidationError(parsed.error);
  await knowledge.updateKnowledgeBase(name, parsed.data);
  sendJson(exchange, 200, JSON.stringify(view(knowledge.summary(knowledge.get(name)))));
}

/** DELETE /admin/knowledge-bases/:name: the knowledge base, its documents and chunks. */
export async function handleDeleteKnowledgeBase(exchange: Exchange): Promise<void> {
  const { knowledge, parts } = knowledgeRequest(exchange);
  const name = parts[0] ?? "";
  await knowledge.deleteKnowledgeBase(name);
  sendJson(exchange, 200, JSON.stringify({ object: "knowledge_base", name, deleted: true }));
}

function view(summary: KnowledgeBaseSummary) {
  return { object: "knowledge_base", ...summary };
}
