import { z } from "zod";
import { compiledSchema } from "../compiled-schema.js";

/**
 * What the gateway checks of an inbound Anthropic Messages request (providers.md 3.1). Objects
 * are loose: fields the gateway does not know ride along to Anthropic upstreams untouched.
 * Content blocks are checked one by one in decode-messages.ts, per block type.
 */
const contentBlock = z.looseObject({ type: z.string() });

const message = z.looseObject({
  role: z.enum(["user", "assistant"]),
  content: z.union([z.string(), z.array(contentBlock)]),
});

const systemBlock = z.looseObject({ type: z.literal("text"), text: z.string() });

const tool = z.looseObject({
  /** Absent or "custom" for a client tool; server tools (web_search_…) carry their own type. */
  type: z.string().optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().optional(),
});

const toolChoice = z.looseObject({
  type: z.enum(["auto", "any", "tool", "none"]),
  name: z.string().optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

const requestFields = {
  model: z.string({ error: "model is required" }).min(1, "model is required"),
  messages: z.array(message).min(1, "messages must hold at least one message"),
  system: z.union([z.string(), z.array(systemBlock)]).optional(),
  max_tokens: z
    .number({ error: (issue) => (issue.input === undefined ? "field required" : undefined) })
    .int()
    .min(1),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  metadata: z.looseObject({ user_id: z.string().nullable().optional() }).optional(),
};

const messagesRequest = z.looseObject(requestFields);

export const anthropicMessagesRequestSchema = compiledSchema(messagesRequest);

/** count_tokens takes the same body without max_tokens or sampling. */
export const anthropicCountTokensRequestSchema = compiledSchema(
  messagesRequest.extend({ max_tokens: requestFields.max_tokens.optional() }),
);

export type AnthropicMessagesRequestWire = z.infer<typeof anthropicCountTokensRequestSchema>;
export type AnthropicMessageWire = z.infer<typeof message>;
export type AnthropicContentBlockWire = z.infer<typeof contentBlock>;
export type AnthropicToolWire = z.infer<typeof tool>;
export type AnthropicToolChoiceWire = z.infer<typeof toolChoice>;

/** Sources an image or document may come from. */
const base64Source = z.looseObject({ type: z.literal("base64"), media_type: z.string(), data: z.string() });
const urlSource = z.looseObject({ type: z.literal("url"), url: z.string() });
const fileSource = z.looseObject({ type: z.literal("file"), file_id: z.string() });
const textSource = z.looseObject({ type: z.literal("text"), media_type: z.string().optional(), data: z.string() });

export const textBlockSchema = compiledSchema(z.looseObject({ type: z.literal("text"), text: z.string() }));

export const imageBlockSchema = compiledSchema(
  z.looseObject({
    type: z.literal("image"),
    source: z.discriminatedUnion("type", [base64Source, urlSource, fileSource]),
  }),
);

export const documentBlockSchema = compiledSchema(
  z.looseObject({
    type: z.literal("document"),
    source: z.discriminatedUnion("type", [base64Source, urlSource, fileSource, textSource]),
    title: z.string().nullable().optional(),
  }),
);

export const toolUseBlockSchema = compiledSchema(
  z.looseObject({
    type: z.literal("tool_use"),
    id: z.string().min(1),
    name: z.string().min(1),
    input: z.unknown(),
  }),
);

export const toolResultBlockSchema = compiledSchema(
  z.looseObject({
    type: z.literal("tool_result"),
    tool_use_id: z.string().min(1),
    content: z.union([z.string(), z.array(contentBlock)]).optional(),
    is_error: z.boolean().optional(),
  }),
);

export const thinkingBlockSchema = compiledSchema(
  z.looseObject({
    type: z.literal("thinking"),
    thinking: z.string(),
    signature: z.string(),
  }),
);

export const redactedThinkingBlockSchema = compiledSchema(
  z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() }),
);
