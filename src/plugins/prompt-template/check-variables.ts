import { GatewayError } from "../../contract/errors.js";
import type { TemplateDefinition, VariableDefinition } from "./template-definition.js";

function matchesType(value: unknown, type: VariableDefinition["type"]): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
}

/** The variables to render with: defaults filled in; a 400 naming the first variable at fault. */
export function checkVariables(
  templateName: string,
  definition: TemplateDefinition,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const refuse = (name: string, problem: string) =>
    new GatewayError("template_variables_invalid", `Template "${templateName}": variable "${name}" ${problem}.`, {
      param: `variables.${name}`,
    });
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(definition.variables, name)) throw refuse(name, "is not declared by the template");
  }
  const values: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(definition.variables)) {
    const value = Object.hasOwn(given, name) ? given[name] : variable.default;
    if (value === undefined || value === null) {
      if (variable.required ?? variable.default === undefined) throw refuse(name, `is required (${variable.type})`);
      values[name] = null;
      continue;
    }
    if (!matchesType(value, variable.type)) {
      const actual = Array.isArray(value) ? "array" : typeof value;
      throw refuse(name, `must be of type ${variable.type}, not ${actual}`);
    }
    values[name] = value;
  }
  return values;
}
