import type { GatewayError } from "../../contract/errors.js";

/** The one place a gateway error becomes OpenAI's error object. */
export function openAIErrorObject(error: GatewayError): Record<string, unknown> {
  const body: Record<string, unknown> = {
    message: error.message,
    type: error.type,
    param: error.param,
    code: error.upstream?.code ?? error.code,
  };
  if (error.upstream) {
    body.provider = error.upstream.provider;
    if (error.upstream.requestId) body.upstream_request_id = error.upstream.requestId;
  }
  return body;
}
