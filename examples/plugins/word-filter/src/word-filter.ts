import { z } from "zod";
// In a package of your own: `import { definePlugin, GatewayError } from "switchyard";`. This
// example lives inside the Switchyard repository, so it imports the same API from the source.
import { definePlugin, GatewayError, type StreamEvent } from "../../../../src/index.js";
import { maskWords } from "./mask-words.js";

const optionsSchema = z
  .object({
    /** Words (whole words, any case) that must not pass. */
    words: z.array(z.string().min(1)).min(1),
    /** block: refuse the prompt; mask: replace each letter of a listed word with `*`, in prompts and answers. */
    action: z.enum(["block", "mask"]).default("block"),
  })
  .strict();

/**
 * A complete plugin package in one file: options validated by its own schema, a request hook
 * that refuses or rewrites, a stream hook, and a response header.
 */
export default definePlugin({
  name: "word-filter",
  apiVersion: 1,
  options: optionsSchema,
  create(options, services) {
    const pattern = new RegExp(
      `\\b(${options.words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b`,
      "gi",
    );
    services.logger.info("word-filter ready", { words: options.words.length });
    return {
      onRequest(ctx) {
        ctx.responseHeaders["x-word-filter"] = options.action;
        for (const message of ctx.request.messages) {
          for (const [index, part] of message.content.entries()) {
            if (part.type !== "text") continue;
            if (options.action === "block") {
              pattern.lastIndex = 0;
              const found = pattern.exec(part.text);
              if (found)
                throw new GatewayError("invalid_request", `word-filter: the word "${found[0]}" is not allowed.`);
            } else {
              message.content[index] = { ...part, text: maskWords(part.text, pattern) };
            }
          }
        }
      },
      onResponse(ctx) {
        if (options.action !== "mask" || !ctx.response) return;
        ctx.response = {
          ...ctx.response,
          choices: ctx.response.choices.map((choice) => ({
            ...choice,
            content: choice.content.map((part) =>
              part.type === "text" ? { ...part, text: maskWords(part.text, pattern) } : part,
            ),
          })),
        };
      },
      // Word by word would need a window across chunks (see the built-in guard-regex); this
      // example masks within each delta, which is enough when words arrive whole.
      onStreamEvent(_ctx, event): StreamEvent | undefined {
        if (options.action !== "mask" || event.type !== "text-delta") return undefined;
        return { ...event, text: maskWords(event.text, pattern) };
      },
    };
  },
});
