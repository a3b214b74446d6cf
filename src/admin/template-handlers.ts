import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import { sendJson } from "../inbound/http/send.js";
import {
  compileTemplate,
  templateDefinitionSchema,
  templateNameSchema,
} from "../plugins/prompt-template/template-definition.js";
import { createTemplateEngine } from "../plugins/prompt-template/template-engine.js";
import type { StoredTemplate, TemplateStore } from "../stores/templates/template-store.js";
import { readAdminBody } from "./admin-request.js";
import { authorizeAdmin } from "./authorize-admin.js";

const createSchema = templateDefinitionSchema.extend({ name: templateNameSchema });

function view(template: StoredTemplate): Record<string, unknown> {
  return {
    object: "prompt_template",
    name: template.name,
    version: template.version,
    created_at: template.createdAt,
    ...(JSON.parse(template.body) as Record<string, unknown>),
  };
}

function queryOf(exchange: Exchange): { name?: string; version?: number } {
  const query = new URL(exchange.request.url ?? "/", "http://admin.invalid").searchParams;
  const name = query.get("name") ?? undefined;
  const versionText = query.get("version");
  if (versionText !== null && !/^\d+$/.test(versionText)) {
    throw new GatewayError("invalid_request", "version must be a positive integer.", { param: "version" });
  }
  return { name, version: versionText === null ? undefined : Number(versionText) };
}

async function openStore(exchange: Exchange): Promise<TemplateStore> {
  authorizeAdmin(exchange);
  return exchange.runtime.templates;
}

/** GET /admin/templates: the latest version of each; ?name= its versions; ?name=&version= one. */
export async function handleListTemplates(exchange: Exchange): Promise<void> {
  const store = await openStore(exchange);
  const { name, version } = queryOf(exchange);
  if (name !== undefined && version !== undefined) {
    const template = await store.get(name, version);
    if (!template) throw new GatewayError("template_not_found", `There is no template "${name}" version ${version}.`);
    sendJson(exchange, 200, JSON.stringify(view(template)));
    return;
  }
  const templates = await store.list(name);
  if (name !== undefined && templates.length === 0) {
    throw new GatewayError("template_not_found", `There is no template "${name}".`);
  }
  sendJson(exchange, 200, JSON.stringify({ object: "list", data: templates.map(view) }));
}

/** POST /admin/templates: stores the next version of a template; 201 with its version. */
export async function handleCreateTemplate(exchange: Exchange): Promise<void> {
  const store = await openStore(exchange);
  const body = await readAdminBody(exchange, createSchema);
  const { name, ...definition } = body;
  try {
    compileTemplate(createTemplateEngine(), name, 0, definition);
  } catch (error) {
    throw new GatewayError("template_invalid", `The template does not parse: ${(error as Error).message}`, {
      param: "messages",
    });
  }
  const stored = await store.add(name, JSON.stringify(definition));
  sendJson(exchange, 201, JSON.stringify(view(stored)));
}

/** DELETE /admin/templates?name=…[&version=…]: removes one version or all of them. */
export async function handleDeleteTemplate(exchange: Exchange): Promise<void> {
  const store = await openStore(exchange);
  const { name, version } = queryOf(exchange);
  if (name === undefined) throw new GatewayError("invalid_request", "name is required.", { param: "name" });
  const deleted = await store.delete(name, version);
  if (deleted === 0) throw new GatewayError("template_not_found", `There is no template "${name}" to delete.`);
  sendJson(
    exchange,
    200,
    JSON.stringify({ object: "prompt_template.deleted", name, version: version ?? null, deleted }),
  );
}
