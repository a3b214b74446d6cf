import { GatewayError } from "../contract/errors.js";

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** Maps a transport failure (undici error, abort) to the gateway error a client should see. */
export function toUpstreamError(
  error: unknown,
  provider: string,
  signal?: { readonly aborted: boolean; readonly reason?: unknown },
): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: string } | undefined)?.code ?? "";
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof DOMException && reason.name === "TimeoutError") {
      return new GatewayError("upstream_timeout", `Upstream provider "${provider}" did not finish in time.`, {
        upstream: { provider },
        cause: error,
      });
    }
    if (reason instanceof GatewayError) return reason;
    return new GatewayError("upstream_unreachable", `Request to provider "${provider}" was cancelled.`, {
      upstream: { provider },
      retryable: false,
      cause: error,
    });
  }
  if (TIMEOUT_CODES.has(code)) {
    const what =
      code === "UND_ERR_CONNECT_TIMEOUT"
        ? "connecting"
        : code === "UND_ERR_HEADERS_TIMEOUT"
          ? "waiting for the first byte"
          : "waiting for more data";
    return new GatewayError("upstream_timeout", `Upstream provider "${provider}" timed out ${what}.`, {
      upstream: { provider },
      cause: error,
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new GatewayError(
    "upstream_unreachable",
    `Could not reach upstream provider "${provider}"${code ? ` (${code})` : ""}: ${detail}`,
    { upstream: { provider }, cause: error },
  );
}
