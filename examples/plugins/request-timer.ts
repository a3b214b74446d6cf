import { type ChatContext, definePlugin, isGatewayError, stateKey } from "../../src/index.js";

/** When the request reached this plugin, for the hooks that report against it. */
const STARTED = stateKey<number>("request-timer:started");

/**
 * Example plugin: times each chat request in one around-hook, and notes when the upstream
 * answered with a key shared between hooks. Loaded from a config with:
 *
 *   plugins:
 *     - use: ./plugins/request-timer.ts
 *
 * The log event then has fields.totalMs (until the last byte was sent, streams included),
 * fields.answeredMs and fields.outcome.
 */
export default definePlugin({
  name: "request-timer",
  apiVersion: 1,
  create() {
    const answered = (ctx: ChatContext) => {
      const started = ctx.state.get(STARTED);
      if (started !== undefined) ctx.logFields.answeredMs = Math.round(performance.now() - started);
    };
    return {
      async wrapChat(ctx, next) {
        const started = performance.now();
        ctx.state.set(STARTED, started);
        try {
          await next();
          ctx.logFields.outcome = ctx.signal.aborted ? "client gone" : "sent";
        } catch (error) {
          ctx.logFields.outcome = isGatewayError(error) ? error.code : "failed";
          throw error;
        } finally {
          ctx.logFields.totalMs = Math.round(performance.now() - started);
        }
      },
      onResponse: answered,
      onStreamStart: answered,
    };
  },
});
