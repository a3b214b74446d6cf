import type { ChatRequest, InboundDialect } from "../contract/chat-request.js";
import type { ChatResponse } from "../contract/chat-response.js";
import type { GatewayError } from "../contract/errors.js";
import type { WireFormat } from "../contract/stream-event.js";
import type { StreamEncoder } from "./http/write-sse.js";

/** A client dialect for chat: decode its requests, encode answers, streams and errors in kind. */
export interface ChatDialect {
  readonly name: InboundDialect;
  /** Upstream bodies in this format may be forwarded to the client unchanged. */
  readonly wireFormat: WireFormat;
  decodeRequest(body: unknown): ChatRequest;
  encodeResponse(response: ChatResponse): Record<string, unknown>;
  createStreamEncoder(request: ChatRequest, forwardBytes: boolean): StreamEncoder;
  encodeError(error: GatewayError): Record<string, unknown>;
}
