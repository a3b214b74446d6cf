import type { RouteHandler } from "../inbound/http/exchange.js";
import { handleListAudit } from "./audit-handler.js";
import { handleCachePurge } from "./cache-purge-handler.js";
import { handleHealthTargets } from "./health-targets-handler.js";
import {
  handleCreateKey,
  handleGetKey,
  handleListKeys,
  handleRevokeKey,
  handleRotateKey,
  handleUpdateKey,
} from "./key-handlers.js";
import { handleGetLog, handleListLogs } from "./logs-handlers.js";
import { handleMetrics } from "./metrics-handler.js";
import {
  handleCreateProject,
  handleDeleteProject,
  handleGetProject,
  handleListProjects,
  handleUpdateProject,
} from "./project-handlers.js";
import { handleUsage } from "./usage-handler.js";

/**
 * A handler whose module is imported on the first request to it (later requests reuse the
 * loaded module): templates pull in liquidjs and knowledge bases the RAG loaders, which a
 * gateway that never serves those routes need not hold in memory.
 */
function onDemand<Module>(load: () => Promise<Module>, pick: (module: Module) => RouteHandler): RouteHandler {
  return async (exchange) => pick(await load())(exchange);
}

/** The operator's routes, the admin API and /metrics, mounted apart from the /v1 data plane. */
export function adminRoutes(): Map<string, Partial<Record<string, RouteHandler>>> {
  const templates = () => import("./template-handlers.js");
  const knowledgeBases = () => import("./knowledge-base-handlers.js");
  const documents = () => import("./knowledge-document-handlers.js");
  const jobs = () => import("./knowledge-job-handlers.js");
  return new Map<string, Partial<Record<string, RouteHandler>>>([
    ["/metrics", { GET: handleMetrics }],
    ["/admin/health/targets", { GET: handleHealthTargets }],
    ["/admin/projects", { POST: handleCreateProject, GET: handleListProjects }],
    ["/admin/projects/:id", { GET: handleGetProject, PATCH: handleUpdateProject, DELETE: handleDeleteProject }],
    ["/admin/keys", { POST: handleCreateKey, GET: handleListKeys }],
    ["/admin/keys/:id", { GET: handleGetKey, PATCH: handleUpdateKey, DELETE: handleRevokeKey }],
    ["/admin/keys/:id/rotate", { POST: handleRotateKey }],
    ["/admin/audit", { GET: handleListAudit }],
    ["/admin/logs", { GET: handleListLogs }],
    ["/admin/logs/:id", { GET: handleGetLog }],
    ["/admin/usage", { GET: handleUsage }],
    ["/admin/cache/purge", { POST: handleCachePurge }],
    [
      "/admin/templates",
      {
        GET: onDemand(templates, (module) => module.handleListTemplates),
        POST: onDemand(templates, (module) => module.handleCreateTemplate),
        DELETE: onDemand(templates, (module) => module.handleDeleteTemplate),
      },
    ],
    [
      "/admin/knowledge-bases",
      {
        GET: onDemand(knowledgeBases, (module) => module.handleListKnowledgeBases),
        POST: onDemand(knowledgeBases, (module) => module.handleCreateKnowledgeBase),
      },
    ],
    [
      "/admin/knowledge-bases/:name",
      {
        GET: onDemand(knowledgeBases, (module) => module.handleGetKnowledgeBase),
        PATCH: onDemand(knowledgeBases, (module) => module.handleUpdateKnowledgeBase),
        DELETE: onDemand(knowledgeBases, (module) => module.handleDeleteKnowledgeBase),
      },
    ],
    [
      "/admin/knowledge-bases/:name/documents",
      {
        GET: onDemand(documents, (module) => module.handleListDocuments),
        POST: onDemand(documents, (module) => module.handleAddDocument),
      },
    ],
    [
      "/admin/knowledge-bases/:name/documents/:id",
      {
        GET: onDemand(documents, (module) => module.handleGetDocument),
        PUT: onDemand(documents, (module) => module.handleUpdateDocument),
        DELETE: onDemand(documents, (module) => module.handleDeleteDocument),
      },
    ],
    ["/admin/knowledge-bases/:name/crawl", { POST: onDemand(jobs, (module) => module.handleStartCrawl) }],
    ["/admin/knowledge-bases/:name/search", { POST: onDemand(jobs, (module) => module.handleSearch) }],
    ["/admin/knowledge-bases/:name/jobs", { GET: onDemand(jobs, (module) => module.handleListJobs) }],
    [
      "/admin/knowledge-bases/:name/jobs/:id",
      {
        GET: onDemand(jobs, (module) => module.handleGetJob),
        DELETE: onDemand(jobs, (module) => module.handleCancelJob),
      },
    ],
  ]);
}
