import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import type { KnowledgeBaseSummary } from "../rag/knowledge-service.js";
import { readAdminBody } from "./admin-request.js";
import { createKnowledgeBaseSchema, updateKnowledgeBaseSchema } from "./knowledge-admin-schemas.js";
import { knowledgeRequest } from "./knowledge-path.js";

/** POST /admin/knowledge-bases: creates an empty knowledge base; 201. */
export async function handleCreateKnowledgeBase(exchange: Exchange): Promise<void> {
  const { knowledge } = knowledgeRequest(exchange);
  const body = await readAdminBody(exchange, createKnowledgeBaseSchema);
  await knowledge.createKnowledgeBase({ ...body, createdAt: new Date().toISOString() });
  sendJson(exchange, 201, JSON.stringify(view(knowledge.summary(knowledge.get(body.name)))));
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
  const body = await readAdminBody(exchange, updateKnowledgeBaseSchema);
  await knowledge.updateKnowledgeBase(name, body);
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
