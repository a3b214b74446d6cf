import type { Liquid } from "liquidjs";
import { z } from "zod";

const variableSchema = z
  .object({
    type: z.enum(["string", "number", "integer", "boolean", "array", "object"]),
    /** Defaults to true unless a default is given. */
    required: z.boolean().optional(),
    default: z.unknown().optional(),
    description: z.string().optional(),
  })
  .strict();

/** A template as written in the config or sent to the admin API. */
export const templateDefinitionSchema = z
  .object({
    description: z.string().optional(),
    /** Messages put before the client's own, each content a Liquid template. */
    messages: z
      .array(z.object({ role: z.enum(["system", "developer", "user", "assistant"]), content: z.string() }).strict())
      .min(1),
    variables: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a variable name"), variableSchema).default({}),
  })
  .strict();

export const templateNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "letters, digits, . _ -");

export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type VariableDefinition = z.infer<typeof variableSchema>;

/** A template ready to render: its definition with each message parsed once. */
export interface CompiledTemplate {
  name: string;
  version: number;
  definition: TemplateDefinition;
  parsed: ReturnType<Liquid["parse"]>[];
}

/** Parses each message; throws with the Liquid syntax error. */
export function compileTemplate(
  engine: Liquid,
  name: string,
  version: number,
  definition: TemplateDefinition,
): CompiledTemplate {
  return { name, version, definition, parsed: definition.messages.map((message) => engine.parse(message.content)) };
}
