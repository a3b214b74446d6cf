import { GatewayError } from "../../contract/errors.js";
import type { ChatContext } from "../../contract/request-context.js";

/** What a request asks of prompt-template: a name, maybe a version, and its variables. */
export interface TemplateCall {
  name: string;
  version?: number;
  variables: Record<string, unknown>;
}

const TEMPLATE_HEADER = "x-switchyard-template";
const VARIABLES_HEADER = "x-switchyard-template-variables";

function parseReference(reference: unknown): { name: string; version?: number } {
  if (typeof reference === "object" && reference !== null) {
    const { name, version } = reference as { name?: unknown; version?: unknown };
    if (typeof name === "string" && (version === undefined || Number.isInteger(version))) {
      return { name, version: version as number | undefined };
    }
  }
  if (typeof reference === "string") {
    const match = /^(.+?)(?:@(\d+))?$/.exec(reference.trim());
    if (match?.[1]) return { name: match[1], version: match[2] ? Number(match[2]) : undefined };
  }
  throw new GatewayError("invalid_request", 'template must be "name", "name@version" or { name, version }.', {
    param: "template",
  });
}

function parseVariables(value: unknown, where: string): Record<string, unknown> {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new GatewayError("invalid_request", `${where} must be a JSON object.`, { param: "variables" });
    }
  }
  if (parsed === undefined) return {};
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new GatewayError("invalid_request", `${where} must be an object of template variables.`, {
      param: "variables",
    });
  }
  return parsed as Record<string, unknown>;
}

/**
 * Takes `template` and `variables` out of the body's extra fields (so they never reach the
 * provider) or reads the x-switchyard-template headers. Undefined when the request names none.
 */
export function readTemplateCall(ctx: ChatContext): TemplateCall | undefined {
  let reference: unknown;
  let variables: unknown;
  for (const [family, extras] of Object.entries(ctx.request.providerOptions)) {
    if (!("template" in extras) && !("variables" in extras)) continue;
    const { template, variables: bodyVariables, ...rest } = extras;
    reference ??= template;
    variables ??= bodyVariables;
    if (Object.keys(rest).length > 0) ctx.request.providerOptions[family] = rest;
    else delete ctx.request.providerOptions[family];
  }
  const header = ctx.headers[TEMPLATE_HEADER];
  const headerVariables = ctx.headers[VARIABLES_HEADER];
  if (reference === undefined && typeof header === "string") reference = header;
  if (reference === undefined) return undefined;
  const fromHeader = variables === undefined && typeof headerVariables === "string";
  return {
    ...parseReference(reference),
    variables: parseVariables(
      fromHeader ? headerVariables : variables,
      fromHeader ? `The ${VARIABLES_HEADER} header` : "variables",
    ),
  };
}
