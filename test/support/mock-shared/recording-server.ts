// The node:http plumbing of a mock upstream that records every request: listen on a random port,
// record method/path/headers/body, notice client aborts, close cleanly. Every provider mock shares
// it; each supplies its own routing, response headers and failure body.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Exchange, readBody } from "../mock-openai/http-io.js";
import { RequestRecorder } from "../mock-openai/request-recorder.js";
import type { RecordedRequest } from "../mock-openai-upstream.js";

export type { RecordedRequest };

export interface MockUpstream {
  /** e.g. "http://127.0.0.1:54321" (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  lastRequest(): RecordedRequest | undefined;
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves once request[index] (default: the last one at call time) is aborted by the client. */
  waitForAbort(index?: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export interface RecordingServerOptions {
  /** Used in the body of the 500 the server answers when a handler throws. */
  name: string;
  port?: number;
  /** Headers every response carries, computed per response. */
  responseHeaders(requestId: string, startedAt: number, request: RecordedRequest): Record<string, string>;
  /** The 500 answered when the mock itself fails, in the provider's error shape (default: {"message"}). */
  failureReply?(message: string): { headers?: Record<string, string>; body: unknown };
  /** Record the path exactly as sent (no URL normalisation), for mocks that verify signatures over it. */
  rawPath?: boolean;
  newRequestId(): string;
  serve(exchange: Exchange, request: RecordedRequest): Promise<void> | void;
}

function singleValueHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}

function rawPathOf(url: string): string {
  const queryStart = url.indexOf("?");
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

function parseJson(rawBody: string): unknown {
  try {
    return rawBody.length > 0 ? JSON.parse(rawBody) : undefined;
  } catch {
    return undefined;
  }
}

export async function startRecordingServer(options: RecordingServerOptions): Promise<MockUpstream> {
  const recorder = new RequestRecorder();
  const inFlight = new Set<AbortController>();
  let closing = false;

  async function handleExchange(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const startedAt = Date.now();
    const controller = new AbortController();
    let request: RecordedRequest | undefined;
    let closedBeforeRecording = false;
    let endedByMock = false;
    inFlight.add(controller);
    response.on("close", () => {
      inFlight.delete(controller);
      controller.abort();
      if (response.writableFinished || endedByMock || closing) return;
      if (request) recorder.markAborted(request);
      else closedBeforeRecording = true;
    });

    const rawBody = await readBody(incoming);
    const url = new URL(incoming.url ?? "/", "http://mock.invalid");
    request = {
      method: incoming.method ?? "GET",
      path: options.rawPath ? rawPathOf(incoming.url ?? "/") : url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: singleValueHeaders(incoming.headers),
      body: parseJson(rawBody),
      rawBody,
      aborted: closedBeforeRecording,
    };
    recorder.record(request);
    const recorded = request;
    const requestId = options.newRequestId();
    const exchange: Exchange = {
      requestId,
      response,
      requestHeaders: request.headers,
      signal: controller.signal,
      responseHeaders: () => options.responseHeaders(requestId, startedAt, recorded),
      resetConnection: () => {
        endedByMock = true;
        response.socket?.resetAndDestroy();
      },
    };
    await options.serve(exchange, request);
  }

  const server = createServer((incoming, response) => {
    handleExchange(incoming, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return void response.destroy();
      const message = `${options.name} failed: ${error instanceof Error ? error.message : String(error)}`;
      const reply = options.failureReply?.(message) ?? { body: { message } };
      response.writeHead(500, { "content-type": "application/json", ...reply.headers });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: recorder.requests,
    lastRequest: () => recorder.requests.at(-1),
    waitForRequests: (count, timeoutMs) => recorder.waitForRequests(count, timeoutMs),
    waitForAbort: (index, timeoutMs) => recorder.waitForAbort(index, timeoutMs),
    reset: () => recorder.reset(),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        recorder.close();
        for (const controller of inFlight) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
