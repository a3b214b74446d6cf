import { GatewayError } from "../../contract/errors.js";
import type { OllamaErrorBody } from "./wire-types.js";

/** Turns an Ollama error answer (`{"error":"…"}`) into a gateway error keeping its status. */
export function fromOllamaErrorResponse(status: number, bodyText: string, provider: string): GatewayError {
  let message: string | undefined;
  try {
    const parsed = JSON.parse(bodyText) as OllamaErrorBody | null;
    if (parsed && typeof parsed.error === "string") message = parsed.error;
  } catch {
    // Unknown paths answer plain text ("404 page not found").
    message = bodyText.trim().slice(0, 500) || undefined;
  }
  return ollamaUpstreamError(message, status, provider);
}

/** Also used for the `{"error":…}` line of a stream that failed after HTTP 200 (status 502 then). */
export function ollamaUpstreamError(message: string | undefined, status: number, provider: string): GatewayError {
  return new GatewayError("upstream_error", message || `Provider "${provider}" answered with status ${status}.`, {
    status,
    // Ollama has no error type; the status says which OpenAI type fits.
    type: status >= 500 ? "server_error" : "invalid_request_error",
    retryable: status === 408 || status === 409 || status === 429 || status >= 500,
    upstream: { provider, status, code: null },
  });
}
