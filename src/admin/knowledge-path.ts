import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import type { KnowledgeService } from "../rag/knowledge-service.js";
import { authorizeAdmin } from "./authorize-admin.js";

/**
 * The parts of /admin/knowledge-bases/:name[/documents/:id | /jobs/:id | …] after the prefix,
 * URL-decoded, and the process's knowledge service (admin key checked first).
 */
export function knowledgeRequest(exchange: Exchange): { knowledge: KnowledgeService; parts: string[] } {
  authorizeAdmin(exchange);
  const knowledge = exchange.runtime.knowledge;
  if (!knowledge) throw new GatewayError("internal_error", "Knowledge bases are not available in this process.");
  const rest = exchange.path.slice("/admin/knowledge-bases".length).split("/").filter(Boolean);
  try {
    return { knowledge, parts: rest.map((part) => decodeURIComponent(part)) };
  } catch {
    throw new GatewayError("invalid_request", "The path is not valid URL encoding.");
  }
}
