import { randomUUID } from "node:crypto";
import type { ChatRequest } from "../../contract/chat-request.js";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import type {
  ChatResult,
  ChatStreamResult,
  EmbeddingResult,
  ProviderAdapter,
  UpstreamCall,
} from "../../contract/provider-adapter.js";
import type { UpstreamClient, UpstreamResponse } from "../../outbound/upstream-client.js";
import { badUpstreamResponse, readUpstreamText } from "../../outbound/upstream-json.js";
import { HttpProviderAdapter, type StreamContentType } from "../http-provider-adapter.js";
import { type BedrockOperation, bedrockModelPath, toQueryString } from "./bedrock-model-path.js";
import { embedWithBedrock } from "./embeddings.js";
import { firstHeader, fromBedrockErrorResponse } from "./errors.js";
import { type BedrockResponseIdentity, fromBedrockConverseResponse } from "./from-wire.js";
import type { BedrockAuthorizer } from "./sign-request.js";
import { readBedrockConverseStream } from "./stream.js";
import { toBedrockConverseBody } from "./to-wire.js";
import type { BedrockConverseResponse } from "./wire-types.js";

export interface BedrockAdapterOptions {
  name: string;
  type: string;
  models: readonly string[];
  client: UpstreamClient;
  /** The Host header, as signed: `bedrock-runtime.us-east-1.amazonaws.com`, or host:port of a test server. */
  host: string;
  /** Path prefix of the configured base URL; empty for AWS itself. */
  basePath: string;
  query: Record<string, string>;
  /** Configured extra headers, sent (and signed) with every request. */
  headers: Record<string, string>;
  authorize: BedrockAuthorizer;
}

const EVENT_STREAM: StreamContentType = { expected: "application/vnd.amazon.eventstream", what: "an event stream" };

/** Adapter for AWS Bedrock Runtime: Converse, ConverseStream, and InvokeModel for embeddings. */
export class BedrockAdapter
  extends HttpProviderAdapter<BedrockAdapterOptions, BedrockOperation>
  implements ProviderAdapter
{
  readonly type = this.options.type;

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const { wire, headers, timing } = await this.postJson<BedrockConverseResponse>(
      "converse",
      toBedrockConverseBody(request),
      call,
    );
    if (!Array.isArray(wire?.output?.message?.content))
      throw badUpstreamResponse(this.name, "a Converse answer without a message");
    const requestId = firstHeader(headers, "x-amzn-requestid");
    return {
      response: fromBedrockConverseResponse(wire, this.identity(requestId, call)),
      upstreamRequestId: requestId,
      timing,
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const answer = await this.postStream("converse-stream", toBedrockConverseBody(request), call, EVENT_STREAM);
    const requestId = firstHeader(answer.headers, "x-amzn-requestid");
    return {
      chunks: readBedrockConverseStream(answer.body, {
        provider: this.name,
        identity: this.identity(requestId, call),
        requestId,
        signal: call.abort,
      }),
      upstreamRequestId: requestId,
      timing: answer.timing,
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    // Several InvokeModel calls may run at once: the upstream's time spans the first send to the last answer.
    const started = performance.now();
    let upstreamRequestId: string | undefined;
    const invoke = async (body: Record<string, unknown>) => {
      const { wire, headers } = await this.postJson<unknown>("invoke", body, call);
      upstreamRequestId ??= firstHeader(headers, "x-amzn-requestid");
      const count = Number(firstHeader(headers, "x-amzn-bedrock-input-token-count"));
      return { data: wire, inputTokens: Number.isFinite(count) ? count : undefined };
    };
    const response = await embedWithBedrock(request, call.upstreamModel, invoke, (what) =>
      badUpstreamResponse(this.name, what),
    );
    return { response, upstreamRequestId, timing: { upstreamMs: performance.now() - started } };
  }

  /** Bedrock's body carries no id or model: the request id names the answer, the model is the one called. */
  private identity(requestId: string | undefined, call: UpstreamCall): BedrockResponseIdentity {
    return {
      id: `bedrock-${requestId ?? randomUUID()}`,
      model: call.upstreamModel,
      created: Math.floor(Date.now() / 1000),
    };
  }

  /** Signs and sends the request; an error status is read and thrown as the upstream's error. */
  protected async post(operation: BedrockOperation, body: object, call: UpstreamCall): Promise<UpstreamResponse> {
    const { options } = this;
    const path = `${options.basePath}${bedrockModelPath(call.upstreamModel, operation)}`;
    const text = JSON.stringify(body);
    const headers = await options.authorize({
      host: options.host,
      path,
      query: options.query,
      headers: lowerCaseNames(
        // InvokeModel answers in the content type asked for; the model's JSON is what embeddings read.
        Object.assign({}, options.headers, call.headers, operation === "invoke" ? INVOKE_ACCEPT : undefined, {
          "content-type": "application/json",
        }),
      ),
      body: text,
    });
    const response = await options.client.request({
      path: `${path}${toQueryString(options.query)}`,
      method: "POST",
      headers,
      body: text,
      signal: call.abort,
    });
    if (response.status >= 400) {
      const errorText = await readUpstreamText(response, this.name, call.abort);
      throw fromBedrockErrorResponse(response.status, errorText, this.name, response.headers);
    }
    return response;
  }
}

const INVOKE_ACCEPT = { accept: "application/json" };

/** One spelling per header, so a configured `Content-Type` cannot travel beside ours unsigned. */
function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}
