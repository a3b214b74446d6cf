import type { z } from "zod";

/** Renders a zod issue path as `providers.openai.timeouts.connectMs` or `models.smart.targets[0]`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let rendered = "";
  for (const segment of path) {
    if (typeof segment === "number") rendered += `[${segment}]`;
    else rendered += rendered ? `.${String(segment)}` : String(segment);
  }
  return rendered || "(root)";
}

export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string[] {
  return issues.map((issue) => {
    const path = formatIssuePath(issue.path);
    if (issue.code === "unrecognized_keys") {
      return `${path}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    }
    return `${path}: ${issue.message}`;
  });
}
