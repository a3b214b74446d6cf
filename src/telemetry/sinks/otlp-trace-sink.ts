import { ExportResultCode } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogSink } from "../log-sink.js";
import { logEventSpans } from "./log-event-spans.js";

export interface OtlpTraceSinkOptions {
  url: string;
  headers: Record<string, string>;
  serviceName: string;
}

/** Exports each logged request's spans over OTLP/HTTP (JSON), batched like every other sink. */
export function otlpTraceSink(options: OtlpTraceSinkOptions): LogSink {
  const exporter = new OTLPTraceExporter({ url: options.url, headers: options.headers, timeoutMillis: 10_000 });
  const resource = resourceFromAttributes({ "service.name": options.serviceName });
  return {
    name: "otlp-traces",
    write(records: readonly LogRecord[]) {
      const spans = records.flatMap((record) => logEventSpans(record.event, resource));
      if (spans.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        exporter.export(spans, (result) => {
          if (result.code === ExportResultCode.SUCCESS) resolve();
          else reject(result.error ?? new Error("the OTLP export failed"));
        });
      });
    },
    close: () => exporter.shutdown(),
  };
}
