import type { ToolDefinition } from "../../contract/chat-request.js";
import { GatewayError } from "../../contract/errors.js";

/** A tool in the `{type: "function", function: {…}}` shape Cohere and Ollama take. */
export interface FunctionTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export function toFunctionTool(tool: ToolDefinition): FunctionTool {
  const definition: FunctionTool["function"] = { name: tool.name };
  if (tool.description !== undefined) definition.description = tool.description;
  if (tool.parameters !== undefined) definition.parameters = tool.parameters;
  return { type: "function", function: definition };
}

/**
 * The one tool a named tool_choice picks, for a provider that cannot name a tool: sending only
 * that tool keeps the choice. A name that is not among the tools is the client's mistake.
 */
export function onlyNamedTool(tools: readonly ToolDefinition[] | undefined, name: string): ToolDefinition[] {
  const named = tools?.filter((tool) => tool.name === name) ?? [];
  if (named.length === 0) {
    throw new GatewayError("invalid_request", `tool_choice names "${name}", which is not among the tools.`, {
      param: "tool_choice",
    });
  }
  return named;
}
