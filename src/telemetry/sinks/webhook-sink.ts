import { WebhookClient } from "../../outbound/webhook-client.js";
import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogSink } from "../log-sink.js";

export interface WebhookSinkOptions {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** POSTs each batch as a JSON array of log events; any status but 2xx is a failed batch. */
export function webhookSink(options: WebhookSinkOptions): LogSink {
  const webhook = new WebhookClient(options.url, options.timeoutMs);
  return {
    name: "webhook",
    async write(records: readonly LogRecord[]) {
      const response = await webhook.post(
        { ...options.headers, "content-type": "application/json" },
        `[${records.map((record) => record.eventJson).join(",")}]`,
      );
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw new Error(`the webhook answered ${response.statusCode}`);
      }
    },
    close: () => webhook.close(),
  };
}
