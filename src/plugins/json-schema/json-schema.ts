import { Ajv, type ErrorObject } from "ajv";
import { z } from "zod";
import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatResponse } from "../../contract/chat-response.js";
import { GatewayError } from "../../contract/errors.js";
import { definePlugin } from "../../contract/plugin.js";
import type { ChatContext } from "../../contract/request-context.js";
import { sumUsage } from "../../contract/usage.js";
import { responseTexts } from "../guards/shared/chat-text.js";
import { inScope, pluginScopeSchema } from "../guards/shared/guard-scope.js";
import { recordVerdict } from "../guards/shared/record-verdict.js";

const optionsSchema = z
  .object({
    /** The JSON Schema every answer must match. */
    schema: z.record(z.string(), z.unknown()),
    /** Upstream calls made again, with the validation errors, before failing. */
    retries: z.number().int().min(0).max(5).default(2),
    /** Also ask the provider for this schema (response_format json_schema) when the client asked for none. */
    setResponseFormat: z.boolean().default(false),
    /** The schema's name in response_format. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .default("response"),
    when: pluginScopeSchema.optional(),
  })
  .strict();

type Check = { valid: true } | { valid: false; problems: string };

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`)
    .join("; ");
}

/** json-schema: answers must be JSON matching a schema; invalid ones are asked for again, then refused. */
export const jsonSchema = definePlugin({
  name: "json-schema",
  apiVersion: 1,
  options: optionsSchema,
  create(options, services) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(options.schema);

    function check(response: ChatResponse): Check {
      const text = responseTexts(response)[0] ?? "";
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { valid: false, problems: "the answer is not valid JSON" };
      }
      return validate(value) ? { valid: true } : { valid: false, problems: describe(validate.errors) };
    }

    function retryMessages(ctx: ChatContext, answer: ChatResponse, problems: string): ChatMessage[] {
      return [
        ...ctx.request.messages,
        { role: "assistant", content: [{ type: "text", text: responseTexts(answer)[0] ?? "" }] },
        {
          role: "user",
          content: [
            {
              type: "text",
              text: `Your answer does not match the required JSON Schema: ${problems}. Answer again with only JSON that matches this schema: ${JSON.stringify(options.schema)}`,
            },
          ],
        },
      ];
    }

    return {
      onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        if (options.setResponseFormat && !ctx.request.responseFormat) {
          ctx.request.responseFormat = { type: "json_schema", name: options.name, schema: options.schema };
        }
        // A whole answer is validated (and maybe asked for again) before the client sees it.
        ctx.bufferStream();
      },
      async onResponse(ctx) {
        if (!ctx.response || !inScope(ctx, options.when)) return;
        let answer = ctx.response;
        let result = check(answer);
        // Every attempt is billed, so the log event's usage counts them all.
        let input = answer.usage?.inputTokens ?? 0;
        let output = answer.usage?.outputTokens ?? 0;
        for (let retry = 1; !result.valid && retry <= options.retries; retry++) {
          recordVerdict(ctx, {
            guard: "json-schema",
            rule: "schema",
            action: "retry",
            on: "response",
            detail: result.problems,
          });
          // The same routed model, without plugins, with the validation errors appended.
          answer = await services.models.chat(
            { ...ctx.request, messages: retryMessages(ctx, answer, result.problems), stream: false },
            { signal: ctx.signal },
          );
          result = check(answer);
          input += answer.usage?.inputTokens ?? 0;
          output += answer.usage?.outputTokens ?? 0;
        }
        if (!result.valid) {
          recordVerdict(ctx, {
            guard: "json-schema",
            rule: "schema",
            action: "block",
            on: "response",
            detail: result.problems,
          });
          throw new GatewayError(
            "response_schema_invalid",
            `The answer did not match the required JSON Schema after ${options.retries + 1} attempt(s): ${result.problems}.`,
          );
        }
        ctx.response = answer === ctx.response ? answer : { ...answer, usage: sumUsage(input, output) };
      },
    };
  },
});
