import { z } from "zod";
import { definePlugin } from "../../src/index.js";

/**
 * Example plugin: caps the output tokens a request may ask for, and notes in the log event
 * when it did. Loaded from a config with:
 *
 *   plugins:
 *     - use: ./plugins/cap-max-tokens.ts
 *       with: { max: 256 }
 */
export default definePlugin({
  name: "cap-max-tokens",
  apiVersion: 1,
  options: z.object({ max: z.number().int().positive() }).strict(),
  create(options) {
    return {
      onRequest(ctx) {
        const asked = ctx.request.sampling.maxOutputTokens;
        if (asked === undefined || asked > options.max) {
          ctx.request.sampling.maxOutputTokens = options.max;
          ctx.logFields.maxTokensCappedFrom = asked ?? null;
        }
      },
    };
  },
});
