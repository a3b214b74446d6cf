import { GatewayError } from "../../contract/errors.js";
import { authenticate } from "../../plugins/keys/authenticate.js";
import type { Exchange } from "../http/exchange.js";
import { exchangeTiming } from "../http/exchange-timing.js";
import { readJsonBody } from "../http/read-json-body.js";
import { asGatewayError, sendError, sendJson } from "../http/send.js";
import { decodeAnthropicCountTokensRequest } from "./decode-request.js";
import { encodeAnthropicError } from "./encode-error.js";
import { estimateInputTokens } from "./estimate-input-tokens.js";

/**
 * POST /v1/messages/count_tokens: the first target's provider counts when it can (Anthropic);
 * otherwise the gateway estimates and says so in `x-switchyard-token-estimate: true`.
 */
export async function handleAnthropicCountTokens(exchange: Exchange): Promise<void> {
  const { runtime } = exchange;
  let model: string | undefined;
  let provider: string | undefined;
  let upstreamModel: string | undefined;
  let upstreamMs: number | undefined;
  let failure: GatewayError | undefined;
  let keyId: string | undefined;
  let projectId: string | undefined;
  try {
    const request = decodeAnthropicCountTokensRequest(await readJsonBody(exchange));
    model = request.model;
    // The gateway key applies here too, though no plugin chain runs for counting.
    const authenticated = runtime.keys
      ? await authenticate(runtime.keys, exchange.request.headers, "count_tokens", request.model)
      : undefined;
    keyId = authenticated?.auth.keyId;
    projectId = authenticated?.auth.projectId;
    const target = runtime.routes.resolve(request.model).targets[0];
    if (!target) throw new GatewayError("model_not_found", `The model "${request.model}" has no targets.`);
    provider = target.provider.name;
    upstreamModel = target.upstreamModel;
    const headers: Record<string, string> = {
      "x-switchyard-provider": provider,
      "x-switchyard-model": upstreamModel,
    };
    if (target.provider.countTokens) {
      const started = performance.now();
      const counted = await target.provider.countTokens(request, {
        upstreamModel,
        abort: exchange.abort,
        headers: target.headers,
        requestId: exchange.requestId,
      });
      upstreamMs = performance.now() - started;
      sendJson(exchange, 200, JSON.stringify({ input_tokens: counted.inputTokens }), headers, {
        ms: upstreamMs,
        provider,
      });
    } else {
      headers["x-switchyard-token-estimate"] = "true";
      sendJson(exchange, 200, JSON.stringify({ input_tokens: estimateInputTokens(request) }), headers);
    }
  } catch (error) {
    failure = asGatewayError(error);
    if (failure.code === "internal_error")
      runtime.logger.error({ err: error, requestId: exchange.requestId }, "request failed");
    sendError(exchange, failure, encodeAnthropicError);
  }
  const timing = exchangeTiming(exchange, upstreamMs);
  runtime.emitLog({
    // Named, not spread first: see exchangeTiming.
    requestId: timing.requestId,
    startedAt: timing.startedAt,
    durationMs: timing.durationMs,
    gatewayMs: timing.gatewayMs,
    endpoint: "count_tokens",
    dialect: "anthropic-messages",
    model,
    provider,
    upstreamModel,
    status: failure?.status ?? 200,
    keyId,
    projectId,
    errorCode: failure ? String(failure.code) : undefined,
    stream: false,
    upstreamMs,
    fields: {},
  });
}
