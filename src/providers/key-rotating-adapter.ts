import type { ChatRequest } from "../contract/chat-request.js";
import type { EmbeddingRequest } from "../contract/embedding.js";
import {
  type ChatResult,
  type ChatStreamResult,
  type EmbeddingResult,
  PROVIDER_SPECIFICATION_VERSION,
  type ProviderAdapter,
  type UpstreamCall,
} from "../contract/provider-adapter.js";

/**
 * Spreads one provider's requests over several upstream keys (several accounts), one key after
 * the other. A retry after a 429 therefore goes out with the next key.
 */
export class KeyRotatingAdapter implements ProviderAdapter {
  readonly specificationVersion = PROVIDER_SPECIFICATION_VERSION;
  readonly name: string;
  readonly type: string;
  readonly models: readonly string[];
  readonly embed?: (request: EmbeddingRequest, call: UpstreamCall) => Promise<EmbeddingResult>;
  readonly countTokens?: (request: ChatRequest, call: UpstreamCall) => Promise<{ inputTokens: number }>;
  private turn = 0;

  constructor(private readonly adapters: readonly ProviderAdapter[]) {
    const first = adapters[0];
    if (!first) throw new Error("KeyRotatingAdapter needs at least one adapter");
    this.name = first.name;
    this.type = first.type;
    this.models = first.models;
    if (first.embed) this.embed = (request, call) => this.next().embed!(request, call);
    if (first.countTokens) this.countTokens = (request, call) => this.next().countTokens!(request, call);
  }

  chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    return this.next().chat(request, call);
  }

  chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    return this.next().chatStream(request, call);
  }

  async close(): Promise<void> {
    await Promise.all(this.adapters.map((adapter) => adapter.close()));
  }

  private next(): ProviderAdapter {
    const adapter = this.adapters[this.turn % this.adapters.length]!;
    this.turn++;
    return adapter;
  }
}
