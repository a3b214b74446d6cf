import { type ChatResponse, definePlugin } from "../../src/index.js";

/** The answer with every text part in upper case. */
export function shouted(response: ChatResponse): ChatResponse {
  return {
    ...response,
    choices: response.choices.map((choice) => ({
      ...choice,
      content: choice.content.map((part) => (part.type === "text" ? { ...part, text: part.text.toUpperCase() } : part)),
    })),
  };
}

/**
 * Example plugin: rewrites the whole answer (here: upper case), which needs all of it at once.
 * `ctx.bufferStream()` asks the gateway to call the upstream without streaming; a client that
 * asked for a stream still gets one, replayed from the rewritten answer.
 *
 *   plugins:
 *     - use: ./plugins/shout-answers.ts
 */
export default definePlugin({
  name: "shout-answers",
  apiVersion: 1,
  create() {
    return {
      onRequest(ctx) {
        ctx.bufferStream();
      },
      onResponse(ctx) {
        if (!ctx.response) return;
        ctx.logFields.shoutedStream = ctx.streamBuffered;
        ctx.response = shouted(ctx.response);
      },
    };
  },
});
