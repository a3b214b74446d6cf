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
import {
  handleCreateKnowledgeBase,
  handleDeleteKnowledgeBase,
  handleGetKnowledgeBase,
  handleListKnowledgeBases,
  handleUpdateKnowledgeBase,
} from "./knowledge-base-handlers.js";
import {
  handleAddDocument,
  handleDeleteDocument,
  handleGetDocument,
  handleListDocuments,
  handleUpdateDocument,
} from "./knowledge-document-handlers.js";
import {
  handleCancelJob,
  handleGetJob,
  handleListJobs,
  handleSearch,
  handleStartCrawl,
} from "./knowledge-job-handlers.js";
import { handleGetLog, handleListLogs } from "./logs-handlers.js";
import {
  handleCreateProject,
  handleDeleteProject,
  handleGetProject,
  handleListProjects,
  handleUpdateProject,
} from "./project-handlers.js";
import { handleCreateTemplate, handleDeleteTemplate, handleListTemplates } from "./template-handlers.js";
import { handleUsage } from "./usage-handler.js";

/** The admin API, mounted apart from the /v1 data plane. */
export function adminRoutes(): Map<string, Partial<Record<string, RouteHandler>>> {
  return new Map([
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
    ["/admin/templates", { GET: handleListTemplates, POST: handleCreateTemplate, DELETE: handleDeleteTemplate }],
    ["/admin/knowledge-bases", { GET: handleListKnowledgeBases, POST: handleCreateKnowledgeBase }],
    [
      "/admin/knowledge-bases/:name",
      { GET: handleGetKnowledgeBase, PATCH: handleUpdateKnowledgeBase, DELETE: handleDeleteKnowledgeBase },
    ],
    ["/admin/knowledge-bases/:name/documents", { GET: handleListDocuments, POST: handleAddDocument }],
    [
      "/admin/knowledge-bases/:name/documents/:id",
      { GET: handleGetDocument, PUT: handleUpdateDocument, DELETE: handleDeleteDocument },
    ],
    ["/admin/knowledge-bases/:name/crawl", { POST: handleStartCrawl }],
    ["/admin/knowledge-bases/:name/search", { POST: handleSearch }],
    ["/admin/knowledge-bases/:name/jobs", { GET: handleListJobs }],
    ["/admin/knowledge-bases/:name/jobs/:id", { GET: handleGetJob, DELETE: handleCancelJob }],
  ]);
}
