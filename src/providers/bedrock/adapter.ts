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
import { abortOf } from "../../outbound/abort-scope.js";
import type { UpstreamClient, UpstreamResponse } from "../../outbound/upstream-client.js";
import { badUpstreamResponse, expectStreamContentType, readUpstreamText } from "../../outbound/upstream-json.js";
import { HttpProviderAdapter } from "../http-provider-adapter.js";
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

const EVENT_STREAM_TYPE = "application/vnd.amazon.eventstream";

/** Adapter for AWS Bedrock Runtime: Converse, ConverseStream, and InvokeModel for embeddings. */
export class BedrockAdapter extends HttpProviderAdapter<BedrockAdapterOptions> implements ProviderAdapter {
  readonly type = this.options.type;

  async chat(request: ChatRequest, call: UpstreamCall): Promise<ChatResult> {
    const started = performance.now();
    const response = await this.post(call, "converse", toBedrockConverseBody(request));
    const wire = await this.readJson<BedrockConverseResponse>(response, call);
    if (!Array.isArray(wire?.output?.message?.content))
      throw badUpstreamResponse(this.name, "a Converse answer without a message");
    const requestId = firstHeader(response.headers, "x-amzn-requestid");
    return {
      response: fromBedrockConverseResponse(wire, this.identity(requestId, call)),
      upstreamRequestId: requestId,
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async chatStream(request: ChatRequest, call: UpstreamCall): Promise<ChatStreamResult> {
    const started = performance.now();
    const response = await this.post(call, "converse-stream", toBedrockConverseBody(request));
    await expectStreamContentType(response, this.name, abortOf(call), EVENT_STREAM_TYPE, "an event stream");
    const requestId = firstHeader(response.headers, "x-amzn-requestid");
    return {
      chunks: readBedrockConverseStream(response.body, {
        provider: this.name,
        identity: this.identity(requestId, call),
        requestId,
        signal: abortOf(call),
      }),
      upstreamRequestId: requestId,
      timing: { upstreamMs: performance.now() - started },
    };
  }

  async embed(request: EmbeddingRequest, call: UpstreamCall): Promise<EmbeddingResult> {
    const started = performance.now();
    let upstreamRequestId: string | undefined;
    const invoke = async (body: Record<string, unknown>) => {
      const response = await this.post(call, "invoke", body, { accept: "application/json" });
      upstreamRequestId ??= firstHeader(response.headers, "x-amzn-requestid");
      const data = await this.readJson<unknown>(response, call);
      const count = Number(firstHeader(response.headers, "x-amzn-bedrock-input-token-count"));
      return { data, inputTokens: Number.isFinite(count) ? count : undefined };
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
  private async post(
    call: UpstreamCall,
    operation: BedrockOperation,
    body: Record<string, unknown>,
    extraHeaders: Record<string, string> = {},
  ): Promise<UpstreamResponse> {
    const { options } = this;
    const path = `${options.basePath}${bedrockModelPath(call.upstreamModel, operation)}`;
    const text = JSON.stringify(body);
    const headers = await options.authorize({
      host: options.host,
      path,
      query: options.query,
      headers: lowerCaseNames(
        Object.assign({}, options.headers, call.headers, extraHeaders, { "content-type": "application/json" }),
      ),
      body: text,
    });
    const response = await options.client.request({
      path: `${path}${toQueryString(options.query)}`,
      method: "POST",
      headers,
      body: text,
      signal: abortOf(call),
    });
    if (response.status >= 400) {
      const errorText = await readUpstreamText(response, this.name, abortOf(call));
      throw fromBedrockErrorResponse(response.status, errorText, this.name, response.headers);
    }
    return response;
  }
}

/** One spelling per header, so a configured `Content-Type` cannot travel beside ours unsigned. */
function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}
