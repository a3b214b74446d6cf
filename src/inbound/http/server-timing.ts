/**
 * The Server-Timing header that tells clients what the gateway itself cost them, apart from
 * the upstream: `gateway;dur=0.31, upstream;dur=412.5;desc="openai"`.
 */
export function serverTiming(totalMs: number, upstreamMs: number, provider?: string): string {
  const gatewayMs = Math.max(0, totalMs - upstreamMs);
  let header = `gateway;dur=${gatewayMs.toFixed(2)}`;
  if (upstreamMs > 0) header += `, upstream;dur=${upstreamMs.toFixed(2)}${provider ? `;desc="${provider}"` : ""}`;
  return header;
}
