import { z } from "zod";
import { compiledSchema } from "../compiled-schema.js";

/**
 * What the gateway checks of an inbound OpenAI chat request: the shape it must understand to
 * route and translate. Unknown fields pass through untouched (they reach OpenAI-like upstreams).
 */
const contentPart = z.looseObject({ type: z.string() });

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  name: z.string().optional(),
  tool_calls: z
    .array(
      z.looseObject({
        id: z.string(),
        type: z.string().optional(),
        function: z.looseObject({ name: z.string(), arguments: z.string() }),
      }),
    )
    .optional(),
  tool_call_id: z.string().optional(),
});

const tool = z.looseObject({
  type: z.string(),
  function: z
    .looseObject({
      name: z.string(),
      description: z.string().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    })
    .optional(),
});

export const openAIChatRequestSchema = compiledSchema(
  z.looseObject({
    model: z.string({ error: "model is required" }).min(1, "model is required"),
    messages: z.array(message).min(1, "messages must hold at least one message"),
    stream: z.boolean().nullable().optional(),
    stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
    temperature: z.number().nullable().optional(),
    top_p: z.number().nullable().optional(),
    max_tokens: z.number().int().nonnegative().nullable().optional(),
    max_completion_tokens: z.number().int().nonnegative().nullable().optional(),
    stop: z
      .union([z.string(), z.array(z.string())])
      .nullable()
      .optional(),
    presence_penalty: z.number().nullable().optional(),
    frequency_penalty: z.number().nullable().optional(),
    seed: z.number().int().nullable().optional(),
    n: z.number().int().positive().nullable().optional(),
    logprobs: z.boolean().nullable().optional(),
    top_logprobs: z.number().int().nullable().optional(),
    logit_bias: z.record(z.string(), z.number()).nullable().optional(),
    reasoning_effort: z.string().nullable().optional(),
    tools: z.array(tool).optional(),
    tool_choice: z
      .union([
        z.enum(["auto", "none", "required"]),
        z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }).optional() }),
      ])
      .optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    response_format: z
      .looseObject({
        type: z.enum(["text", "json_object", "json_schema"]),
        json_schema: z
          .looseObject({
            name: z.string(),
            description: z.string().optional(),
            schema: z.record(z.string(), z.unknown()).optional(),
            strict: z.boolean().nullable().optional(),
          })
          .optional(),
      })
      .optional(),
    user: z.string().optional(),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
  }),
);

export type OpenAIChatRequestWire = z.infer<typeof openAIChatRequestSchema>;
export type OpenAIChatMessageWire = z.infer<typeof message>;
