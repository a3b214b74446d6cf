import { z } from "zod";
import type { ChatMessage } from "../../contract/chat-message.js";
import { definePlugin } from "../../contract/plugin.js";
import { inScope, pluginScopeSchema } from "../guards/shared/guard-scope.js";

const decorationSchema = z
  .object({
    role: z.enum(["system", "developer", "user", "assistant"]),
    content: z.string(),
  })
  .strict();

const optionsSchema = z
  .object({
    /** Messages put before the client's messages (after the client's leading system messages when `afterSystem`). */
    prepend: z.array(decorationSchema).default([]),
    /** Messages put after the client's messages. */
    append: z.array(decorationSchema).default([]),
    /** Keep the client's own leading system/developer messages first; default false (decorations go first). */
    afterSystem: z.boolean().default(false),
    when: pluginScopeSchema.optional(),
  })
  .strict();

type Decoration = z.infer<typeof decorationSchema>;

function toMessage(decoration: Decoration): ChatMessage {
  return { role: decoration.role, content: [{ type: "text", text: decoration.content }] };
}

/** prompt-decorator: adds fixed messages before and after the client's messages. */
export const promptDecorator = definePlugin({
  name: "prompt-decorator",
  apiVersion: 1,
  options: optionsSchema,
  create(options) {
    return {
      onRequest(ctx) {
        if (!inScope(ctx, options.when)) return;
        const messages = ctx.request.messages;
        const leading = options.afterSystem
          ? messages.findIndex((message) => message.role !== "system" && message.role !== "developer")
          : 0;
        const split = leading === -1 ? messages.length : leading;
        ctx.request.messages = [
          ...messages.slice(0, split),
          ...options.prepend.map(toMessage),
          ...messages.slice(split),
          ...options.append.map(toMessage),
        ];
        ctx.logFields.promptDecorator = { prepended: options.prepend.length, appended: options.append.length };
      },
    };
  },
});
