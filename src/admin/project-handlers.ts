import { randomBytes } from "node:crypto";
import { GatewayError } from "../contract/errors.js";
import type { Exchange } from "../inbound/http/exchange.js";
import type { ProjectRecord } from "../stores/keys/key-records.js";
import { adminKeys, audit, pathSegment, readAdminBody, sendAdminJson } from "./admin-request.js";
import { createProjectSchema, updateProjectSchema } from "./key-admin-schemas.js";

/** POST /admin/projects */
export async function handleCreateProject(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const body = await readAdminBody(exchange, createProjectSchema);
  const now = new Date().toISOString();
  const project: ProjectRecord = {
    id: `proj_${randomBytes(8).toString("hex")}`,
    name: body.name,
    metadata: body.metadata,
    limits: body.limits,
    budget: body.budget,
    createdAt: now,
    updatedAt: now,
  };
  await keys.store.createProject(project);
  await audit(keys, exchange, { action: "project.create", targetType: "project", targetId: project.id, details: body });
  sendAdminJson(exchange, 201, projectView(project));
}

/** GET /admin/projects */
export async function handleListProjects(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const projects = await keys.store.listProjects();
  sendAdminJson(exchange, 200, { object: "list", data: projects.map(projectView) });
}

/** GET /admin/projects/:id */
export async function handleGetProject(exchange: Exchange): Promise<void> {
  sendAdminJson(exchange, 200, projectView(await requireProject(exchange, pathSegment(exchange, 3))));
}

/** PATCH /admin/projects/:id: changed limits and budgets apply to the project's keys at once. */
export async function handleUpdateProject(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const id = pathSegment(exchange, 3);
  const body = await readAdminBody(exchange, updateProjectSchema);
  const { limits, budget, ...rest } = body;
  const updated = await keys.store.updateProject(
    id,
    {
      ...rest,
      ...(limits !== undefined && { limits: limits ?? undefined }),
      ...(budget !== undefined && { budget: budget ?? undefined }),
    },
    new Date().toISOString(),
  );
  if (!updated) throw notFound(id);
  await keys.changed();
  await audit(keys, exchange, { action: "project.update", targetType: "project", targetId: id, details: body });
  sendAdminJson(exchange, 200, projectView(updated));
}

/** DELETE /admin/projects/:id: the project goes and its keys are revoked. */
export async function handleDeleteProject(exchange: Exchange): Promise<void> {
  const keys = adminKeys(exchange);
  const id = pathSegment(exchange, 3);
  if (!(await keys.store.deleteProject(id, new Date().toISOString()))) throw notFound(id);
  await keys.changed();
  await audit(keys, exchange, { action: "project.delete", targetType: "project", targetId: id, details: {} });
  sendAdminJson(exchange, 200, { id, object: "project", deleted: true });
}

export async function requireProject(exchange: Exchange, id: string): Promise<ProjectRecord> {
  const project = await adminKeys(exchange).store.getProject(id);
  if (!project) throw notFound(id);
  return project;
}

function notFound(id: string): GatewayError {
  return new GatewayError("project_not_found", `There is no project "${id}".`);
}

function projectView(project: ProjectRecord): Record<string, unknown> {
  return { object: "project", ...project };
}
