import type { z } from "zod";
import { describeUnknownProviderFields } from "./unknown-provider-fields.js";

/** Renders a zod issue path as `providers.openai.timeouts.connectMs` or `models.smart.targets[0]`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let rendered = "";
  for (const segment of path) {
    if (typeof segment === "number") rendered += `[${segment}]`;
    else rendered += rendered ? `.${String(segment)}` : String(segment);
  }
  return rendered || "(root)";
}

/** One line per issue; parse with `reportInput: true` so unknown provider fields name the entry's type. */
export function formatIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string[] {
  return issues.map((issue) => {
    const path = formatIssuePath(issue.path);
    if (issue.code === "unrecognized_keys") {
      return (
        describeUnknownProviderFields(issue.path, issue.keys, issue.input) ??
        `${path}: unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`
      );
    }
    return `${path}: ${issue.message}`;
  });
}
