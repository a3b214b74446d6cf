import { Agent, requestWith } from "../../outbound/undici-dispatchers.js";
import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogSink } from "../log-sink.js";

export interface WebhookSinkOptions {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** POSTs each batch as a JSON array of log events; any status but 2xx is a failed batch. */
export function webhookSink(options: WebhookSinkOptions): LogSink {
  const dispatcher = new Agent({
    connectTimeout: options.timeoutMs,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const url = new URL(options.url);
  return {
    name: "webhook",
    async write(records: readonly LogRecord[]) {
      const response = await requestWith(dispatcher, {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { ...options.headers, "content-type": "application/json" },
        body: JSON.stringify(records.map((record) => record.event)),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw new Error(`the webhook answered ${response.statusCode}`);
      }
    },
    close: () => dispatcher.close(),
  };
}
