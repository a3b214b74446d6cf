import type { RequestAuth } from "../../contract/request-context.js";

/** Who shares entries: each gateway key alone, each project, or every caller. */
export type NamespaceScope = "key" | "project" | "shared";

/**
 * The namespace a request's entries live in. Callers without a verified key share the
 * "anonymous" namespace; a key without a project falls back to its own namespace.
 */
export function cacheNamespace(scope: NamespaceScope, auth: RequestAuth | undefined): string {
  if (scope === "shared") return "shared";
  if (!auth) return "anonymous";
  if (scope === "project" && auth.projectId !== undefined) return `project:${auth.projectId}`;
  return `key:${auth.keyId}`;
}
