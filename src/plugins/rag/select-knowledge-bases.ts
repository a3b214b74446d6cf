import { GatewayError } from "../../contract/errors.js";
import type { ChatContext, RequestAuth } from "../../contract/request-context.js";
import type { KnowledgeService } from "../../rag/knowledge-service.js";
import type { KnowledgeBaseAccess } from "../../stores/knowledge/knowledge-records.js";
import type { RagOptions } from "./rag-options.js";

export interface Selection {
  names: string[];
  /** Knowledge bases from the config or the key that were left out, and why. */
  skipped: Array<{ knowledgeBase: string; reason: string }>;
}

/** Whether a caller may use a knowledge base: both lists empty means everyone. */
export function mayUse(access: KnowledgeBaseAccess, auth: RequestAuth | undefined): boolean {
  if (access.keys.length === 0 && access.projects.length === 0) return true;
  if (!auth) return false;
  return access.keys.includes(auth.keyId) || (auth.projectId !== undefined && access.projects.includes(auth.projectId));
}

/**
 * The knowledge bases of one request: the plugin's, the key's (its metadata field) and the
 * x-switchyard-rag header's. What the client asked for by header must exist and be allowed (an
 * error otherwise); what the config or key named is skipped quietly when missing or not allowed.
 */
export function selectKnowledgeBases(ctx: ChatContext, options: RagOptions, knowledge: KnowledgeService): Selection {
  const header = options.allowRequestHeader ? headerValue(ctx, "x-switchyard-rag") : undefined;
  if (header?.trim().toLowerCase() === "none") return { names: [], skipped: [] };
  // Key metadata lists names separated by spaces, commas or semicolons (the keys CLI splits k=v pairs at commas).
  const keyBases = (ctx.auth?.metadata[options.keyMetadataField] ?? "").split(/[\s,;]+/).filter(Boolean);
  const configured = [...options.knowledgeBases, ...keyBases];
  const requested = splitList(header);
  const names: string[] = [];
  const skipped: Selection["skipped"] = [];
  for (const name of requested) {
    const base = knowledge.get(name);
    if (!mayUse(base.record.access, ctx.auth)) {
      throw new GatewayError("knowledge_base_forbidden", `This key may not use the knowledge base "${name}".`);
    }
    if (!names.includes(name)) names.push(name);
  }
  for (const name of configured) {
    if (names.includes(name)) continue;
    if (!knowledge.has(name)) skipped.push({ knowledgeBase: name, reason: "does not exist" });
    else if (!mayUse(knowledge.get(name).record.access, ctx.auth))
      skipped.push({ knowledgeBase: name, reason: "not allowed for this key" });
    else names.push(name);
  }
  return { names, skipped };
}

/** `lang=en,team=web` → { lang: "en", team: "web" }. */
export function parseFilterHeader(value: string | undefined): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const pair of splitList(value)) {
    const equals = pair.indexOf("=");
    if (equals <= 0) throw new GatewayError("invalid_request", `x-switchyard-rag-filter: "${pair}" is not key=value.`);
    filter[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return filter;
}

export function headerValue(ctx: ChatContext, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
