import { z } from "zod";
import type { RequestContextBase } from "../../../contract/request-context.js";

/**
 * `when:` of a plugin's options: limit it to some gateway keys or projects (read from
 * ctx.auth, set by the keys plugin). Per virtual model scoping is `models.<name>.plugins`.
 */
export const pluginScopeSchema = z
  .object({
    keys: z.array(z.string().min(1)).min(1).optional(),
    projects: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

export type PluginScope = z.infer<typeof pluginScopeSchema>;

/** Whether a plugin scoped by `when` applies to this request; no scope applies to all. */
export function inScope(ctx: RequestContextBase, scope: PluginScope | undefined): boolean {
  if (!scope) return true;
  const auth = ctx.auth;
  if (scope.keys && !(auth && scope.keys.includes(auth.keyId))) return false;
  if (scope.projects && !(auth?.projectId !== undefined && scope.projects.includes(auth.projectId))) return false;
  return true;
}
