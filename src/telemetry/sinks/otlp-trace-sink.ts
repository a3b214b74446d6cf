import type { LogEvent } from "../../contract/log-event.js";
import type { LogRecord } from "../../stores/logs/log-record.js";
import type { LogSink } from "../log-sink.js";

export interface OtlpTraceSinkOptions {
  url: string;
  headers: Record<string, string>;
  serviceName: string;
}

/**
 * Exports each logged request's spans over OTLP/HTTP (JSON), batched like every other sink.
 * OpenTelemetry (the exporter, and the API the spans are built with) is imported only here, when
 * tracing is configured: it is some 30 MB of memory otherwise.
 */
export async function otlpTraceSink(options: OtlpTraceSinkOptions): Promise<LogSink> {
  const [{ ExportResultCode }, { OTLPTraceExporter }, { resourceFromAttributes }, { logEventSpans }] =
    await Promise.all([
      import("@opentelemetry/core"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
      import("./log-event-spans.js"),
    ]);
  const exporter = new OTLPTraceExporter({ url: options.url, headers: options.headers, timeoutMillis: 10_000 });
  const resource = resourceFromAttributes({ "service.name": options.serviceName });
  return {
    name: "otlp-traces",
    write(records: readonly LogRecord[]) {
      const spans = records.flatMap((record) => logEventSpans(JSON.parse(record.eventJson) as LogEvent, resource));
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
