import type { Dispatcher } from "undici";
import { Agent, requestWith } from "./undici-dispatchers.js";

/**
 * POSTs to one configured URL (a webhook) through a connection pool of its own, on the gateway's
 * undici entry rather than undici's index, which would also load fetch, WebSocket and the caches.
 * The caller builds the headers and reads (or dumps) the answer's body.
 */
export class WebhookClient {
  private readonly dispatcher: InstanceType<typeof Agent>;
  private readonly origin: string;
  private readonly path: string;

  /**
   * `timeoutMs`, when given, bounds connecting, the wait for headers and each body read, and
   * the whole request of a `post` given no signal of its own.
   */
  constructor(
    url: string,
    private readonly timeoutMs?: number,
  ) {
    this.dispatcher = new Agent(
      timeoutMs === undefined ? {} : { connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs },
    );
    const parsed = new URL(url);
    this.origin = parsed.origin;
    this.path = `${parsed.pathname}${parsed.search}`;
  }

  post(headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<Dispatcher.ResponseData> {
    return requestWith(this.dispatcher, {
      origin: this.origin,
      path: this.path,
      method: "POST",
      headers,
      body,
      signal: signal ?? (this.timeoutMs === undefined ? undefined : AbortSignal.timeout(this.timeoutMs)),
    });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}
